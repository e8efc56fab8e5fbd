import type { Priority, TicketStatus } from '@cau/contracts';
import type { BusinessCalendar } from '@cau/business-time';
import { slaDueDates, type Pause, type SlaDueDates } from './due-dates.js';
import type { PolicyScopeOf, SlaPolicyBook } from './sla-policy-book.js';

/** What a ticket's due dates are computed from. */
export interface SlaFactsOf extends PolicyScopeOf {
  start: Date | null;
  pauses: readonly Pause[];
}

/**
 * The ticket's due dates under the policy of its current priority (its service's or jurisdiction's where
 * one applies), counted from its registration: a new priority (a reclassification) moves both targets to
 * that priority's, as if the ticket had had it from the start, skipping the same waits. No start or no
 * policy for the priority: no due dates.
 */
export function targetsOf(
  facts: SlaFactsOf,
  policies: SlaPolicyBook,
  calendarFor: (jurisdiction: string | null) => BusinessCalendar,
): SlaDueDates {
  const policy = policies.policyFor(facts);
  if (!facts.start || !policy) return { responseDueAt: null, resolutionDueAt: null };
  return slaDueDates(calendarFor(facts.jurisdiction), facts.start, policy, facts.pauses);
}

/** The ticket's targets as `ticket.service-level-changed` states them (ISO instants). */
export interface ServiceLevelState {
  priority: Priority | null;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  respondedAt: string | null;
  resolvedAt: string | null;
}

/** What resolution keeps on the ticket that the service level is read from. */
export interface ServiceLevelFacts {
  priority: Priority | null;
  status: TicketStatus;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  responseMetAt: Date | null;
  resolvedAt: Date | null;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/**
 * The service level of a ticket. The resolution target counts as met only while the ticket is resolved
 * or closed (the sweeper's rule): a rejected review or a reopening puts it back in play, and `resolvedAt`
 * (kept by the ticket as the latest submission) is then not announced. A merged duplicate states no due
 * dates (see `fusionado`).
 */
export function serviceLevelOf(facts: ServiceLevelFacts): ServiceLevelState {
  // A merged duplicate has no targets of its own any more: its original's carry the requester's need.
  if (facts.status === 'fusionado') {
    return {
      priority: facts.priority,
      responseDueAt: null,
      resolutionDueAt: null,
      respondedAt: iso(facts.responseMetAt),
      resolvedAt: null,
    };
  }
  const resolutionMet = facts.status === 'resuelto' || facts.status === 'cerrado';
  return {
    priority: facts.priority,
    responseDueAt: iso(facts.responseDueAt),
    resolutionDueAt: iso(facts.resolutionDueAt),
    respondedAt: iso(facts.responseMetAt),
    resolvedAt: resolutionMet ? iso(facts.resolvedAt) : null,
  };
}

/** A ticket nothing was announced for yet: nothing to announce until something is known. */
export const UNKNOWN_SERVICE_LEVEL: ServiceLevelState = {
  priority: null,
  responseDueAt: null,
  resolutionDueAt: null,
  respondedAt: null,
  resolvedAt: null,
};

/**
 * Whether `current` must be announced, given what was announced last (null: never). A priority without due
 * dates (no policy, or no registration yet) is not worth an event of its own; anything else that differs is.
 */
export function serviceLevelChanged(announced: ServiceLevelState | null, current: ServiceLevelState): boolean {
  const before = announced ?? UNKNOWN_SERVICE_LEVEL;
  const keys: Array<keyof ServiceLevelState> = ['responseDueAt', 'resolutionDueAt', 'respondedAt', 'resolvedAt'];
  if (keys.some((key) => before[key] !== current[key])) return true;
  // The same dates under another priority (two priorities with one policy): still the truth to state,
  // once something was announced.
  return announced !== null && before.priority !== current.priority;
}
