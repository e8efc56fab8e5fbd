import { DateTime } from 'luxon';
import { ReportLimits, type FieldProblem, type KpiGranularity } from '@cau/contracts';

/** One period of a report: `key` is the start date SQL's date_trunc gives, `start`/`end` are clipped. */
export interface ReportPeriod {
  key: string;
  start: string;
  end: string;
}

export interface CheckedPeriod {
  /** The instants the local dates start at, in the report's zone. */
  from: Date;
  to: Date;
  periods: ReportPeriod[];
}

/** Reports cover the desk's working life: no ticket predates 2000, none will outlive 2100. */
const EARLIEST = '2000-01-01';
const LATEST = '2101-01-01';

/**
 * Checks a report's period (dates that exist, `from` before `to`, at most five years, at most 366 days
 * by day) and splits it into periods of the granularity in the zone. Returns the problems found instead.
 */
export function checkPeriod(
  input: { from: string; to: string },
  granularity: KpiGranularity,
  zone: string,
): CheckedPeriod | FieldProblem[] {
  const from = DateTime.fromISO(input.from, { zone });
  const to = DateTime.fromISO(input.to, { zone });
  const problems: FieldProblem[] = [];
  if (!from.isValid) problems.push({ field: 'from', constraint: 'isDateString' });
  if (!to.isValid) problems.push({ field: 'to', constraint: 'isDateString' });
  if (problems.length > 0) return problems;
  if (input.from < EARLIEST) problems.push({ field: 'from', constraint: 'min', params: [EARLIEST] });
  if (input.to > LATEST) problems.push({ field: 'to', constraint: 'max', params: [LATEST] });
  if (to <= from) {
    problems.push({ field: 'to', constraint: 'min', params: [from.plus({ days: 1 }).toISODate()] });
  } else if (to > from.plus({ years: ReportLimits.maxYears })) {
    problems.push({
      field: 'to',
      constraint: 'max',
      params: [from.plus({ years: ReportLimits.maxYears }).toISODate()],
    });
  } else if (granularity === 'day' && to > from.plus({ days: ReportLimits.maxDailyDays })) {
    problems.push({
      field: 'to',
      constraint: 'max',
      params: [from.plus({ days: ReportLimits.maxDailyDays }).toISODate()],
    });
  }
  if (problems.length > 0) return problems;
  return { from: from.toJSDate(), to: to.toJSDate(), periods: periodsBetween(from, to, granularity) };
}

/**
 * Consecutive periods covering [from, to); weeks start on Monday, like PostgreSQL's date_trunc. `total`
 * is one period, [from, to) itself.
 */
export function periodsBetween(from: DateTime, to: DateTime, granularity: KpiGranularity): ReportPeriod[] {
  if (granularity === 'total') return [{ key: from.toISODate()!, start: from.toISODate()!, end: to.toISODate()! }];
  const periods: ReportPeriod[] = [];
  for (let start = from.startOf(granularity); start < to; start = start.plus({ [`${granularity}s`]: 1 })) {
    const end = start.plus({ [`${granularity}s`]: 1 });
    periods.push({
      key: start.toISODate()!,
      start: DateTime.max(start, from).toISODate()!,
      end: DateTime.min(end, to).toISODate()!,
    });
  }
  return periods;
}

/** The local years [fromYear, toYear] as instants, checked like any other period. */
export function checkYears(
  input: { fromYear: number; toYear: number },
  zone: string,
): { from: Date; to: Date } | FieldProblem[] {
  if (input.toYear < input.fromYear) return [{ field: 'toYear', constraint: 'min', params: [input.fromYear] }];
  const checked = checkPeriod({ from: `${input.fromYear}-01-01`, to: `${input.toYear + 1}-01-01` }, 'month', zone);
  if (Array.isArray(checked)) {
    return [{ field: 'toYear', constraint: 'max', params: [input.fromYear + ReportLimits.maxYears - 1] }];
  }
  return { from: checked.from, to: checked.to };
}
