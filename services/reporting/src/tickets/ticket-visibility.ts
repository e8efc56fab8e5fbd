import { Role, type ActorV1, type Refusal } from '@cau/contracts';

/** Which tickets an actor may see, in a form the list query can apply as a filter. */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'requester'; email: string }
  | { kind: 'jurisdiction'; jurisdiction: string }
  | { kind: 'none'; refusal: Refusal };

export type ViewDecision = { allowed: true } | { allowed: false; refusal: Refusal };

/** The ticket fields the visibility rule looks at. */
export interface VisibilityFacts {
  requesterEmail: string;
  jurisdiction: string;
}

/**
 * Staff see every ticket; a requester follows only their own tickets; a referente follows the tickets
 * of the jurisdiction they act for (docs/domain.md § Roles).
 */
export function visibilityOf(actor: ActorV1): Visibility {
  switch (actor.role) {
    case Role.Operator:
    case Role.Agent:
    case Role.Supervisor:
    case Role.Admin:
      return { kind: 'all' };
    case Role.Requester:
      return { kind: 'requester', email: normalizeEmail(actor.email) };
    case Role.Referente:
      return actor.jurisdiction
        ? { kind: 'jurisdiction', jurisdiction: actor.jurisdiction }
        : { kind: 'none', refusal: { code: 'ticket.referente-without-jurisdiction' } };
  }
}

/** The same rule applied to one ticket, with the reason shown when it is refused. */
export function mayView(actor: ActorV1, ticket: VisibilityFacts): ViewDecision {
  const visibility = visibilityOf(actor);
  switch (visibility.kind) {
    case 'all':
      return { allowed: true };
    case 'requester':
      return normalizeEmail(ticket.requesterEmail) === visibility.email
        ? { allowed: true }
        : { allowed: false, refusal: { code: 'ticket.requester-own-only' } };
    case 'jurisdiction':
      return ticket.jurisdiction === visibility.jurisdiction
        ? { allowed: true }
        : {
            allowed: false,
            refusal: {
              code: 'ticket.referente-jurisdiction-only',
              params: { jurisdiction: visibility.jurisdiction },
            },
          };
    case 'none':
      return { allowed: false, refusal: visibility.refusal };
  }
}

/** E-mail addresses are compared case-insensitively; the view stores them in this form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
