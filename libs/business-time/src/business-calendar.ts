import { DateTime, Interval } from 'luxon';

/** Opening hours of one weekday, as local "HH:MM" times in the calendar's zone. */
export interface WorkingWindow {
  start: string;
  end: string;
}

/**
 * A calendar of business time: time zone, working windows per ISO weekday (1 = Monday … 7 = Sunday)
 * and holidays (local dates). SLA targets are counted only inside these windows.
 */
export interface BusinessCalendar {
  zone: string;
  week: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, WorkingWindow[]>>;
  holidays: ReadonlySet<string>;
}

/** Monday–Friday 08:00–16:00 in the given zone (CAU's default; docs/domain.md § Business time). */
export function defaultCalendar(zone: string, holidays: Iterable<string> = []): BusinessCalendar {
  const day = [{ start: '08:00', end: '16:00' }];
  return { zone, week: { 1: day, 2: day, 3: day, 4: day, 5: day }, holidays: new Set(holidays) };
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Checks a calendar read from configuration; returns the problems found. */
export function calendarProblems(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!DateTime.now().setZone(calendar.zone).isValid) problems.push(`unknown time zone "${calendar.zone}"`);
  for (const [weekday, windows] of Object.entries(calendar.week)) {
    let previousEnd = -1;
    for (const w of windows ?? []) {
      if (!TIME.test(w.start) || !TIME.test(w.end)) {
        problems.push(`weekday ${weekday}: times must be HH:MM (${w.start}–${w.end})`);
        continue;
      }
      const start = minutesOfDay(w.start);
      const end = minutesOfDay(w.end);
      if (end <= start) problems.push(`weekday ${weekday}: window ${w.start}–${w.end} ends before it starts`);
      if (start < previousEnd) problems.push(`weekday ${weekday}: windows overlap or are out of order`);
      previousEnd = end;
    }
  }
  for (const day of calendar.holidays) {
    if (!DateTime.fromISO(day, { zone: calendar.zone }).isValid) problems.push(`holiday "${day}" is not a date`);
  }
  if (Object.values(calendar.week).every((w) => !w || w.length === 0))
    problems.push('the calendar has no working time');
  return problems;
}

/** The working intervals of one local day (empty on holidays and days off). DST-safe: built in the zone. */
function workingIntervals(calendar: BusinessCalendar, day: DateTime): Interval[] {
  if (calendar.holidays.has(day.toISODate()!)) return [];
  const windows = calendar.week[day.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7] ?? [];
  return windows.map((w) => {
    const [sh, sm] = w.start.split(':').map(Number) as [number, number];
    const [eh, em] = w.end.split(':').map(Number) as [number, number];
    return Interval.fromDateTimes(day.set({ hour: sh, minute: sm }), day.set({ hour: eh, minute: em }));
  });
}

const MAX_DAYS = 3_660; // ten years: a target further away is a configuration error, not a due date

/** The instant `minutes` business minutes after `start`. */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, got ${minutes}`);
  const from = DateTime.fromJSDate(start, { zone: calendar.zone });
  let remaining = minutes * 60_000;
  let day = from.startOf('day');
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 }).startOf('day')) {
    for (const interval of workingIntervals(calendar, day)) {
      const begin = DateTime.max(interval.start!, from);
      const end = interval.end!;
      if (end <= begin) continue;
      const available = end.toMillis() - begin.toMillis();
      // Landing exactly on a window's end counts as inside it: "8 business hours from 08:00" is 16:00.
      if (remaining <= available) return new Date(begin.toMillis() + remaining);
      remaining -= available;
    }
  }
  throw new RangeError('no due date within ten years: the calendar has (almost) no working time');
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  const start = DateTime.fromJSDate(from, { zone: calendar.zone });
  const stop = DateTime.fromJSDate(to, { zone: calendar.zone });
  let total = 0;
  for (let day = start.startOf('day'); day <= stop; day = day.plus({ days: 1 }).startOf('day')) {
    for (const interval of workingIntervals(calendar, day)) {
      const begin = DateTime.max(interval.start!, start);
      const end = DateTime.min(interval.end!, stop);
      if (end > begin) total += end.toMillis() - begin.toMillis();
    }
  }
  return total / 60_000;
}

function minutesOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
