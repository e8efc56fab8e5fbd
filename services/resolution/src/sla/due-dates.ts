import type { Priority } from '@cau/contracts';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from '@cau/business-time';

/** A time the SLA clocks stood still (waiting on the requester); `end` is null while it lasts. */
export interface Pause {
  start: Date;
  end: Date | null;
}

/** Maximum response and resolution times of one priority, in business minutes (docs/domain.md § Service levels). */
export interface SlaPolicy {
  priority: Priority;
  responseMinutes: number;
  resolutionMinutes: number;
}

export interface SlaDueDates {
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/**
 * The instant `targetMinutes` of business time after `start`, not counting the pauses. Null when the
 * budget is not used up before a pause that is still open: the clock is stopped and there is no due date
 * until it runs again.
 */
export function dueAt(
  calendar: BusinessCalendar,
  start: Date,
  targetMinutes: number,
  pauses: readonly Pause[],
): Date | null {
  let cursor = start.getTime();
  let remainingMs = targetMinutes * 60_000;
  for (const pause of mergePauses(pauses)) {
    const pauseEnd = pause.end?.getTime() ?? Number.POSITIVE_INFINITY;
    if (pauseEnd <= cursor) continue;
    const pauseStart = Math.max(pause.start.getTime(), cursor);
    const availableMs = Math.round(businessMinutesBetween(calendar, new Date(cursor), new Date(pauseStart)) * 60_000);
    if (remainingMs <= availableMs) break;
    remainingMs -= availableMs;
    if (pause.end === null) return null;
    cursor = pauseEnd;
  }
  return addBusinessMinutes(calendar, new Date(cursor), remainingMs / 60_000);
}

/** Both targets of a ticket, counted from its registration. */
export function slaDueDates(
  calendar: BusinessCalendar,
  start: Date,
  policy: SlaPolicy,
  pauses: readonly Pause[],
): SlaDueDates {
  return {
    responseDueAt: dueAt(calendar, start, policy.responseMinutes, pauses),
    resolutionDueAt: dueAt(calendar, start, policy.resolutionMinutes, pauses),
  };
}

/** Sorted, with overlapping pauses joined; an open pause swallows every later one. */
function mergePauses(pauses: readonly Pause[]): Pause[] {
  const sorted = [...pauses].sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Pause[] = [];
  for (const pause of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.end === null || pause.start <= last.end)) {
      if (last.end !== null && (pause.end === null || pause.end > last.end)) last.end = pause.end;
      continue;
    }
    merged.push({ start: pause.start, end: pause.end });
  }
  return merged;
}
