import { optionalOneOf, optionalText } from '../../app/url-params';
import type { paths } from '../../api/schema';

/** The KPI report's query, as the generated client types it. */
export type KpiQuery = paths['/api/v1/reports/kpis']['get']['parameters']['query'];
export type ReportDimension = NonNullable<KpiQuery['dimension']>;
type Granularity = KpiQuery['granularity'];
export type RecurrenceKey = paths['/api/v1/reports/recurring']['get']['parameters']['query']['by'];

export const PERIOD_PRESETS = ['day', 'week', 'month', 'year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const REPORT_DIMENSIONS = [
  'area',
  'jurisdiction',
  'channel',
  'priority',
  'category',
  'type',
  'service',
] as const satisfies readonly ReportDimension[];
export const RECURRENCE_KEYS = ['category', 'requester', 'jurisdiction'] as const satisfies readonly RecurrenceKey[];

/** What the dashboard's URL may say. */
export interface ReportSearch {
  period?: PeriodPreset | undefined;
  /** A day inside the day, week, month or year shown (today unless given). */
  date?: string | undefined;
  /** A custom period: `from` included, `to` excluded, as the API takes them. */
  from?: string | undefined;
  to?: string | undefined;
  dimension?: ReportDimension | undefined;
  by?: RecurrenceKey | undefined;
}

/** The API's bounds: no report before 2000 or after 2100, none longer than five years. */
const EARLIEST = '2000-01-01';
const LATEST = '2101-01-01';
const MAX_DAYS = 5 * 365 + 1;
const DAY_MS = 86_400_000;

/** A real calendar day written YYYY-MM-DD (2025-02-30 is not one). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const inRange = (day: string): boolean => day >= EARLIEST && day < LATEST;

/**
 * Reads the dashboard's URL without trusting it: whatever is malformed is dropped (a custom period
 * whose dates are missing, inverted or too long drops both), so a mangled link opens the default view.
 */
export function parseReportSearch(search: Record<string, unknown>): ReportSearch {
  const date = optionalText(search.date, 10);
  let from = optionalText(search.from, 10);
  let to = optionalText(search.to, 10);
  if (!(isDay(from) && isDay(to) && inRange(from) && to <= LATEST && from < to && daysBetween(from, to) <= MAX_DAYS)) {
    from = undefined;
    to = undefined;
  }
  let period = optionalOneOf(PERIOD_PRESETS, search.period);
  if (period === 'custom' && from === undefined) period = undefined;
  return {
    period,
    date: isDay(date) && inRange(date) ? date : undefined,
    from: period === 'custom' ? from : undefined,
    to: period === 'custom' ? to : undefined,
    dimension: optionalOneOf(REPORT_DIMENSIONS, search.dimension),
    by: optionalOneOf(RECURRENCE_KEYS, search.by),
  };
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Today as a local date of this browser. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export interface ResolvedPeriod {
  preset: PeriodPreset;
  /** Included. */
  from: string;
  /** Excluded. */
  to: string;
  /** How the charts split it: by day up to two months, by week up to a year, else by month. */
  granularity: Exclude<Granularity, 'total'>;
}

/** How a period of this length is charted over time. */
export function seriesGranularity(from: string, to: string): ResolvedPeriod['granularity'] {
  const days = daysBetween(from, to);
  if (days <= 62) return 'day';
  if (days <= 366) return 'week';
  return 'month';
}

/** The period the URL names: the day, ISO week (Monday first), month or year around `date`, or the custom one. */
export function resolvePeriod(search: ReportSearch, today: string): ResolvedPeriod {
  const anchor = search.date ?? today;
  if (search.period === 'custom' && search.from && search.to) {
    return {
      preset: 'custom',
      from: search.from,
      to: search.to,
      granularity: seriesGranularity(search.from, search.to),
    };
  }
  // A custom period without its dates is the month (parseReportSearch never lets one through).
  const preset = search.period === 'custom' ? 'month' : (search.period ?? 'month');
  let from: string;
  let to: string;
  switch (preset) {
    case 'day':
      from = anchor;
      to = addDays(anchor, 1);
      break;
    case 'week': {
      const weekday = (new Date(`${anchor}T00:00:00Z`).getUTCDay() + 6) % 7;
      from = addDays(anchor, -weekday);
      to = addDays(from, 7);
      break;
    }
    case 'year':
      from = `${anchor.slice(0, 4)}-01-01`;
      to = `${String(Number(anchor.slice(0, 4)) + 1)}-01-01`;
      break;
    case 'month': {
      from = `${anchor.slice(0, 7)}-01`;
      const [year, month] = [Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7))];
      to = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
      break;
    }
  }
  return { preset, from, to, granularity: seriesGranularity(from, to) };
}

/** The period of equal length just before: what every figure's trend is measured against. */
export function previousPeriod(period: { from: string; to: string }): { from: string; to: string } {
  const days = daysBetween(period.from, period.to);
  return { from: addDays(period.from, -days), to: period.from };
}

/** The day, week, month or year before or after the one shown (a custom period moves by its length). */
export function shiftPeriod(period: ResolvedPeriod, direction: 1 | -1): ReportSearch {
  if (period.preset === 'custom') {
    const days = daysBetween(period.from, period.to) * direction;
    return { period: 'custom', from: addDays(period.from, days), to: addDays(period.to, days) };
  }
  const date = direction === 1 ? period.to : addDays(period.from, -1);
  return { period: period.preset, date };
}

/** The period can be shown: within the API's bounds (a shift past 2100 or before 2000 is not offered). */
export const periodAllowed = (search: ReportSearch, today: string): boolean => {
  const period = resolvePeriod(search, today);
  return inRange(period.from) && period.to <= LATEST;
};

export interface Trend {
  /** current − previous; null when either is unknown. */
  delta: number | null;
  direction: 'up' | 'down' | 'same' | 'unknown';
}

export function trendOf(current: number | null | undefined, previous: number | null | undefined): Trend {
  if (current == null || previous == null) return { delta: null, direction: 'unknown' };
  const delta = Math.round((current - previous) * 10_000) / 10_000;
  return { delta, direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same' };
}

/** The yearly report's URL: the years shown, at most five (the API's limit), the last five by default. */
export interface YearlySearch {
  fromYear?: number | undefined;
  toYear?: number | undefined;
}

const year = (value: unknown): number | undefined => {
  const number = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 2000 && number <= 2100
    ? number
    : undefined;
};

export function parseYearlySearch(search: Record<string, unknown>): YearlySearch {
  const fromYear = year(search.fromYear);
  const toYear = year(search.toYear);
  if (fromYear === undefined || toYear === undefined || toYear < fromYear || toYear - fromYear > 4) return {};
  return { fromYear, toYear };
}

export function resolveYears(search: YearlySearch, today: string): { fromYear: number; toYear: number } {
  if (search.fromYear !== undefined && search.toYear !== undefined) {
    return { fromYear: search.fromYear, toYear: search.toYear };
  }
  const current = Number(today.slice(0, 4));
  return { fromYear: Math.max(2000, current - 4), toYear: current };
}
