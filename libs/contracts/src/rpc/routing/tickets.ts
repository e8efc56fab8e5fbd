import type { DerivationKind } from '../../procedures/commands.js';
import type { ByV1 } from '../../procedures/events.js';

/**
 * Routing's answer to `Locate`. `sequence` is routing's per-ticket event sequence at the time of the
 * answer: a service correcting its copy of the area from this answer records it as the position of
 * routing's events, so an older routing event arriving later cannot move the ticket back.
 */
export interface LocatedTicketV1 {
  ticketId: string;
  number: number;
  area: string;
  priority: 'ALTA' | 'MEDIA' | 'BAJA';
  sequence: number;
}

/** One step of a ticket's path: its initial routing, then every derivation (who, when, why). */
export interface PathStepV1 {
  /** NULL for the initial routing, which is not a derivation. */
  derivationId: string | null;
  from: string | null;
  to: string;
  kind: DerivationKind | 'routed';
  reason: string;
  /** NULL for the initial routing: routing does it automatically at registration. */
  by: ByV1 | null;
  at: string;
}

export interface TicketPathV1 {
  ticketId: string;
  number: number;
  /** Where the ticket is now. */
  area: string;
  steps: PathStepV1[];
}

export type SuggestionRuleV1 = 'security-incident' | 'handled-by-uit' | 'service-availability' | 'functional-design';

export interface AreaSuggestionV1 {
  area: string;
  reason: { es: string; en: string };
  rule: SuggestionRuleV1;
}

/** The suggestion, or `null` when L1 handles the ticket itself (docs/domain.md, procedure 9.1 step 5). */
export interface SuggestedAreaV1 {
  suggestion: AreaSuggestionV1 | null;
}
