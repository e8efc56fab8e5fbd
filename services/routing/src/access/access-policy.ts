import { Role, type ActorV1, type Refusal } from '@cau/contracts';

export type Decision = { allowed: true } | { allowed: false; refusal: Refusal };

const ALLOWED: Decision = { allowed: true };

/** Areas, the graph and routing advice are working data of the desk and the areas, not of requesters. */
export function mustBeStaff(actor: ActorV1): Decision {
  switch (actor.role) {
    case Role.Operator:
    case Role.Agent:
    case Role.Supervisor:
    case Role.Admin:
      return ALLOWED;
    case Role.Requester:
    case Role.Referente:
      return { allowed: false, refusal: { code: 'routing.staff-only' } };
  }
}

/** Areas and the escalation graph are configuration (docs/domain.md § Roles: the administrator configures areas). */
export function mustBeAdmin(actor: ActorV1): Decision {
  return actor.role === Role.Admin ? ALLOWED : { allowed: false, refusal: { code: 'routing.graph-admins-only' } };
}

/** The priority matrix decides every new ticket's priority: configuration, like the graph. */
export function mayEditPriorityMatrix(actor: ActorV1): Decision {
  return actor.role === Role.Admin ? ALLOWED : { allowed: false, refusal: { code: 'routing.matrix-admins-only' } };
}

/** What routing knows of who may follow a ticket; NULL for tickets routed before it was recorded. */
export interface TicketAudience {
  requesterEmail: string | null;
  jurisdiction: string | null;
}

/**
 * The path of a ticket is visible to everyone allowed to see the ticket (docs/domain.md § Escalation graph): staff see every ticket, a requester only their own, a referente those of their jurisdiction.
 */
export function mayViewTicket(actor: ActorV1, ticket: TicketAudience): Decision {
  switch (actor.role) {
    case Role.Operator:
    case Role.Agent:
    case Role.Supervisor:
    case Role.Admin:
      return ALLOWED;
    case Role.Requester:
      return ticket.requesterEmail !== null && ticket.requesterEmail === normalizeEmail(actor.email)
        ? ALLOWED
        : { allowed: false, refusal: { code: 'ticket.requester-own-only' } };
    case Role.Referente:
      if (!actor.jurisdiction) {
        return { allowed: false, refusal: { code: 'ticket.referente-without-jurisdiction' } };
      }
      return ticket.jurisdiction === actor.jurisdiction
        ? ALLOWED
        : {
            allowed: false,
            refusal: { code: 'ticket.referente-jurisdiction-only', params: { jurisdiction: actor.jurisdiction } },
          };
  }
}

/** E-mail addresses are compared case-insensitively; routing stores them in this form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
