import type { Calendar } from './admin-calendars-api';

/** One working window as the form holds it. */
export interface WindowRow {
  day: number;
  start: string;
  end: string;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const CALENDAR_CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The calendar's windows as rows, Monday first; a new calendar starts Monday–Friday 08:00–16:00. */
export function windowRows(week: Calendar['week'] | null): WindowRow[] {
  if (!week) return [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '16:00' }));
  return WEEKDAYS.flatMap((day) => (week[String(day)] ?? []).map((w) => ({ day, start: w.start, end: w.end })));
}

/** What the form can tell before sending; the service checks the zone and the overlaps too. */
export function windowProblems(rows: readonly WindowRow[]): Array<'none' | 'time' | 'order'> {
  if (rows.length === 0) return ['none'];
  const problems = new Set<'time' | 'order'>();
  for (const row of rows) {
    if (!TIME.test(row.start) || !TIME.test(row.end)) problems.add('time');
    else if (row.end <= row.start) problems.add('order');
  }
  return [...problems];
}

/** The zones the browser knows, for the zone field's suggestions. */
export function knownZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}
