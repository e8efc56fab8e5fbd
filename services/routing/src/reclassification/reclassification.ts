import { Role, type ActorV1, type ReclassifyTicketBodyV1, type TicketClassificationV1 } from '@cau/contracts';
import type { Decision } from '../access/access-policy.js';
import { priorityFor, type PriorityMatrix } from '../priority/priority-matrix.js';

/** Whether the actor's role may classify tickets at all; checked before the ticket is read. */
export function mayReclassify(actor: ActorV1): Decision {
  return actor.role === Role.Requester || actor.role === Role.Referente
    ? { allowed: false, refusal: { code: 'routing.requesters-do-not-classify' } }
    : { allowed: true };
}

/**
 * Who may correct this ticket's classification: the service desk (L1 operators and agents of the entry
 * area), which classifies every ticket first, at any point of its path; the agents of the area that
 * holds the ticket (ACGII "clasifica y prioriza", docs/domain.md § Procedure 9.2, step 3.C.2); supervisors and administrators.
 */
export function mayReclassifyIn(actor: ActorV1, ticketArea: string, entryArea: string): Decision {
  const base = mayReclassify(actor);
  if (!base.allowed || actor.role !== Role.Agent) return base;
  if (!actor.area) return { allowed: false, refusal: { code: 'routing.agent-without-area' } };
  return actor.area === ticketArea || actor.area === entryArea
    ? { allowed: true }
    : {
        allowed: false,
        refusal: { code: 'routing.agent-own-area-classify', params: { ownArea: actor.area, area: ticketArea } },
      };
}

/**
 * The classification after the correction, with the priority the matrix gives its impact and urgency;
 * null when no field given differs from what the ticket has (a reclassification must change something).
 */
export function reclassified(
  current: TicketClassificationV1,
  body: Omit<ReclassifyTicketBodyV1, 'reason'>,
  matrix: PriorityMatrix,
): TicketClassificationV1 | null {
  const type = body.type ?? current.type;
  const category = body.category?.trim() ?? current.category;
  const impact = body.impact ?? current.impact;
  const urgency = body.urgency ?? current.urgency;
  if (
    type === current.type &&
    category === current.category &&
    impact === current.impact &&
    urgency === current.urgency
  ) {
    return null;
  }
  return { type, category, impact, urgency, priority: priorityFor(matrix, impact, urgency) };
}
