import { slaClock } from '../workspace/sla-clock';
import type { QueueRow } from './queue-api';

/**
 * The target a queue row counts down to: the first response until someone answered, then the resolution;
 * nothing once the ticket is solved, closed or waiting on the requester (its clock stands still).
 */
export type RowClock =
  | { target: 'none' }
  | { target: 'response' | 'resolution'; state: 'running'; minutes: number }
  | { target: 'response' | 'resolution'; state: 'overdue'; minutes: number };

export function rowClock(row: QueueRow, now: Date): RowClock {
  if (row.status === 'resuelto' || row.status === 'cerrado' || row.waitingOnRequester) return { target: 'none' };
  const target = row.respondedAt === null && row.responseDueAt !== null ? 'response' : 'resolution';
  const clock = slaClock(target === 'response' ? row.responseDueAt : row.resolutionDueAt, null, now);
  if (clock.state === 'running') return { target, state: 'running', minutes: clock.minutesLeft };
  if (clock.state === 'overdue') return { target, state: 'overdue', minutes: clock.minutesLate };
  return { target: 'none' };
}

/** Minutes since the ticket was registered. */
export const ageMinutes = (row: QueueRow, now: Date): number =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(row.registeredAt)) / 60_000));
