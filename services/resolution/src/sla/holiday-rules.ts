import { DateTime } from 'luxon';
import { HOLIDAY_NAME_MAX, LOCAL_DATE_PATTERN, type FieldProblem, type HolidayImportRowV1 } from '@cau/contracts';

/** A YYYY-MM-DD string that names a real day (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  return LOCAL_DATE_PATTERN.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** The field problem of a date that has the format but not a day of the calendar, or none. */
export function dateProblems(field: string, date: string): FieldProblem[] {
  return isCalendarDate(date) ? [] : [{ field, constraint: 'notADate', params: [date] }];
}

export interface HolidayToImport {
  date: string;
  name: string;
}

/**
 * Checks the rows of a year's import (the lines of a CSV file): each must be a real date of that year
 * with a name, and no date may appear twice. Problems name the line (`csvLine`: line, reason, detail),
 * reported on the HTTP field `csv` the rows came from.
 */
export function importProblems(year: number, rows: readonly HolidayImportRowV1[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const line = (row: HolidayImportRowV1, reason: string, detail?: unknown): void => {
    problems.push({ field: 'csv', constraint: 'csvLine', params: [row.line, reason, detail ?? null] });
  };
  const seen = new Map<string, number>();
  for (const row of rows) {
    const date = row.date.trim();
    const name = row.name.trim();
    if (!isCalendarDate(date)) line(row, 'date', date);
    else if (Number(date.slice(0, 4)) !== year) line(row, 'year', year);
    else if (seen.has(date)) line(row, 'duplicate', seen.get(date));
    else seen.set(date, row.line);
    if (name === '') line(row, 'name');
    else if (name.length > HOLIDAY_NAME_MAX) line(row, 'nameLength', HOLIDAY_NAME_MAX);
  }
  return problems;
}

/** The rows as they are stored (trimmed), once `importProblems` found none. */
export function holidaysToImport(rows: readonly HolidayImportRowV1[]): HolidayToImport[] {
  return rows.map((r) => ({ date: r.date.trim(), name: r.name.trim() }));
}
