/**
 * One SLA target (response or resolution) as the header shows it: met (on time or late), running (time
 * left) or overdue (time past the due date), or not set yet (the ticket is not routed).
 */
export type SlaClock =
  | { state: 'none' }
  | { state: 'met'; at: string; late: boolean }
  | { state: 'running'; dueAt: string; minutesLeft: number }
  | { state: 'overdue'; dueAt: string; minutesLate: number };

export function slaClock(dueAt: string | null, metAt: string | null, now: Date): SlaClock {
  if (metAt) return { state: 'met', at: metAt, late: dueAt !== null && Date.parse(metAt) > Date.parse(dueAt) };
  if (!dueAt) return { state: 'none' };
  const minutes = Math.floor((Date.parse(dueAt) - now.getTime()) / 60_000);
  return minutes >= 0
    ? { state: 'running', dueAt, minutesLeft: minutes }
    : { state: 'overdue', dueAt, minutesLate: -minutes };
}

/** A span in the two largest units people read at a glance: "2 d 3 h", "3 h 20 min", "15 min". */
export function durationParts(minutes: number): { days: number; hours: number; minutes: number } {
  const whole = Math.max(0, Math.floor(minutes));
  return { days: Math.floor(whole / 1440), hours: Math.floor((whole % 1440) / 60), minutes: whole % 60 };
}

export function durationWords(minutes: number, units: { d: string; h: string; min: string; lessThanAMinute: string }) {
  const parts = durationParts(minutes);
  if (parts.days > 0)
    return parts.hours > 0 ? `${parts.days} ${units.d} ${parts.hours} ${units.h}` : `${parts.days} ${units.d}`;
  if (parts.hours > 0)
    return parts.minutes > 0 ? `${parts.hours} ${units.h} ${parts.minutes} ${units.min}` : `${parts.hours} ${units.h}`;
  return parts.minutes > 0 ? `${parts.minutes} ${units.min}` : units.lessThanAMinute;
}
