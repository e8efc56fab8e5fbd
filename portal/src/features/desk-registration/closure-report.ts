import type { Schemas } from '../../api/client';

export type ClosureReport = Schemas['ClosureReportV1'];
export type ClosureStep = Schemas['HistoryStepV1'];

/** The steps the report names in words; any other (a step added later) is shown by its code. */
export const KNOWN_ACTIONS = [
  'register',
  'route',
  'take',
  'assign',
  'estimate',
  'log-work',
  'comment',
  'wait-requester',
  'resume',
  'register-solution',
  'submit',
  'accept',
  'reject',
  'approve',
  'reopen',
  'survey',
  'escalate',
  'coordinate',
  'return',
] as const;

export const isKnownAction = (action: string): action is (typeof KNOWN_ACTIONS)[number] =>
  (KNOWN_ACTIONS as readonly string[]).includes(action);

/** A length of time as people read it in a report: "2 h 05 min", "45 min", "3 d 2 h". */
export function formatMinutes(total: number, units: { day: string; hour: string; minute: string }): string {
  const minutes = Math.max(0, Math.round(total));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} ${units.day} ${hours} ${units.hour}` : `${days} ${units.day}`;
  if (hours > 0) return `${hours} ${units.hour} ${String(rest).padStart(2, '0')} ${units.minute}`;
  return `${rest} ${units.minute}`;
}

/**
 * What the report prints beside a step: the derivation's areas and reason, the time logged, or the
 * step's note. A comment's text is left out: the conversation is the ticket's, and a staff note must
 * never reach the requester's copy of the report.
 */
export function stepDetail(step: ClosureStep, formatDuration: (minutes: number) => string): string {
  // The registration's note is the title, which heads the report.
  if (step.action === 'comment' || step.action === 'register') return '';
  const parts: string[] = [];
  if (step.from && step.to) parts.push(`${step.from} → ${step.to}`);
  if (step.minutes !== null && step.minutes > 0) parts.push(formatDuration(step.minutes));
  if (step.notes) parts.push(step.notes);
  return parts.join(' · ');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The console links solutions to articles by id; a reference written otherwise is shown as written. */
export const articleIdOf = (ref: string | null): string | null => (ref && UUID.test(ref) ? ref.toLowerCase() : null);
