import { DateTime, IANAZone, Interval } from 'luxon';

/*
 * Business time as resolution counts it (services/resolution/src/sla/business-calendar.ts), copied
 * because services never import each other. Reporting knows no holidays, so it uses the default
 * calendar only: Monday–Friday 08:00–16:00 in the deployment's zone.
 */

const OPENING = { hour: 8, minute: 0 };
const CLOSING = { hour: 16, minute: 0 };

/** The working interval of one local day; none on weekends. Built in the zone, so DST-safe. */
function workingInterval(day: DateTime): Interval | null {
  if (day.weekday > 5) return null;
  return Interval.fromDateTimes(day.set(OPENING), day.set(CLOSING));
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(zone: string, from: Date, to: Date): number {
  if (to <= from) return 0;
  const start = DateTime.fromJSDate(from, { zone });
  const stop = DateTime.fromJSDate(to, { zone });
  let total = 0;
  for (let day = start.startOf('day'); day <= stop; day = day.plus({ days: 1 }).startOf('day')) {
    const interval = workingInterval(day);
    if (!interval) continue;
    const begin = DateTime.max(interval.start!, start);
    const end = DateTime.min(interval.end!, stop);
    if (end > begin) total += end.toMillis() - begin.toMillis();
  }
  return total / 60_000;
}

export function calendarMinutesBetween(from: Date, to: Date): number {
  return Math.max(0, to.getTime() - from.getTime()) / 60_000;
}

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
