import { DefaultArea, Role, STAFF_ROLES, type ActorV1, type Refusal, type ResolutionAction } from '@cau/contracts';

export type Decision = { allowed: true } | { allowed: false; refusal: Refusal };

/** The ticket facts the permission rules look at. */
export interface TicketFacts {
  area: string;
  /** Normalised (see normalizeEmail); null while registration has not reached this service. */
  requesterEmail: string | null;
  /** Null while registration has not reached this service. */
  jurisdiction: string | null;
}

/** The area of the service desk: where every ticket starts and ends, and where solutions are verified. */
export const SERVICE_DESK_AREA = DefaultArea.L1;

const ALLOWED: Decision = { allowed: true };
const refuse = (refusal: Refusal): Decision => ({ allowed: false, refusal });

/** Agents belong to the area on their account; operators are the members of the service desk (L1). */
export function isMemberOf(actor: ActorV1, area: string): boolean {
  if (actor.role === Role.Agent) return actor.area === area;
  if (actor.role === Role.Operator) return area === SERVICE_DESK_AREA;
  return false;
}

/** The role a member of the area has: operators staff the service desk, agents the other areas. */
export function memberRoleOf(area: string): Role {
  return area === SERVICE_DESK_AREA ? Role.Operator : Role.Agent;
}

function isSupervisorOrAdmin(actor: ActorV1): boolean {
  return actor.role === Role.Supervisor || actor.role === Role.Admin;
}

/** The requester of the ticket, recognised by the e-mail the ticket was registered with. */
export function isRequesterOf(actor: ActorV1, ticket: TicketFacts): boolean {
  return (
    actor.role === Role.Requester &&
    ticket.requesterEmail !== null &&
    normalizeEmail(actor.email) === ticket.requesterEmail
  );
}

/** The Referente Tecnológico of the ticket's jurisdiction: files and follows tickets for its people. */
export function isReferenteOf(actor: ActorV1, ticket: TicketFacts): boolean {
  return (
    actor.role === Role.Referente &&
    actor.jurisdiction !== undefined &&
    ticket.jurisdiction !== null &&
    actor.jurisdiction === ticket.jurisdiction
  );
}

/**
 * The requester, or the referente acting for the people of the ticket's jurisdiction (docs/domain.md
 * § Roles): whatever the requester may do on their ticket, the referente may do for them — except the
 * satisfaction survey, which is the requester's own opinion.
 */
export function speaksForRequester(actor: ActorV1, ticket: TicketFacts): boolean {
  return isRequesterOf(actor, ticket) || isReferenteOf(actor, ticket);
}

/**
 * Who may do what on a ticket (docs/domain.md § Roles, § Procedure 9.1–9.3):
 * members of the ticket's area work on it, supervisors and administrators act anywhere; only
 * supervisors and administrators review (approve closes); the requester (or the referente of the
 * ticket's jurisdiction) or the service desk reopens; the requester or referente accepts the solution;
 * only the requester answers the survey; the requester, the referente and any staff comment. Whether the ticket's state allows the action is decided
 * elsewhere (status machine and lifecycle rules).
 */
export function mayAct(actor: ActorV1, action: ResolutionAction, ticket: TicketFacts): Decision {
  switch (action) {
    case 'take':
    case 'assign':
    case 'estimate':
    case 'log-work':
    case 'register-solution':
    case 'submit':
    case 'wait-requester':
    case 'resume':
      // `assign` by a member: the assignee named in the body is trusted to be a member of the same
      // area, because accounts live in the gateway and cannot be checked from here.
      return isMemberOf(actor, ticket.area) || isSupervisorOrAdmin(actor)
        ? ALLOWED
        : refuse({ code: 'ticket.members-only', params: { area: ticket.area } });
    case 'review':
      return isSupervisorOrAdmin(actor) ? ALLOWED : refuse({ code: 'ticket.review-supervisors-only' });
    case 'reopen':
      return speaksForRequester(actor, ticket) || isMemberOf(actor, SERVICE_DESK_AREA) || isSupervisorOrAdmin(actor)
        ? ALLOWED
        : refuse({ code: 'ticket.reopen-not-allowed', params: { serviceDesk: SERVICE_DESK_AREA } });
    case 'accept':
      return speaksForRequester(actor, ticket) ? ALLOWED : refuse({ code: 'ticket.accept-requester-only' });
    case 'survey':
      return isRequesterOf(actor, ticket) ? ALLOWED : refuse({ code: 'ticket.survey-requester-only' });
    case 'link':
    case 'unlink':
      return mayRelate(actor);
    case 'merge':
      // The duplicate's side of the rule; `mayMerge` also looks at the original.
      return actor.role === Role.Operator || isSupervisorOrAdmin(actor) || isMemberOf(actor, ticket.area)
        ? ALLOWED
        : refuse({ code: 'ticket.merge-not-allowed' });
    case 'comment':
      return speaksForRequester(actor, ticket) || STAFF_ROLES.includes(actor.role)
        ? ALLOWED
        : refuse({ code: 'ticket.comment-not-allowed' });
  }
}

/** Relating tickets is staff's bookkeeping: any member of the CAU relates and unrelates them. */
export function mayRelate(actor: ActorV1): Decision {
  return STAFF_ROLES.includes(actor.role) ? ALLOWED : refuse({ code: 'ticket.relate-staff-only' });
}

/**
 * Merging a duplicate into its original (issue 12): the service desk (L1 operators register tickets and are
 * the first to see a repeat), supervisors and administrators anywhere; an area's agents only when their area
 * holds both tickets, as they then know both cases.
 */
export function mayMerge(actor: ActorV1, duplicate: { area: string }, original: { area: string | null }): Decision {
  if (actor.role === Role.Operator || isSupervisorOrAdmin(actor)) return ALLOWED;
  if (actor.role === Role.Agent && isMemberOf(actor, duplicate.area) && original.area === duplicate.area) {
    return ALLOWED;
  }
  return refuse({ code: 'ticket.merge-not-allowed' });
}

/**
 * Internal notes are working notes between the desk and the areas: only staff write them (and only
 * staff read them). A requester or referente who asks for one is refused, not silently made public.
 */
export function mayWriteInternalNote(actor: ActorV1): Decision {
  return STAFF_ROLES.includes(actor.role) ? ALLOWED : refuse({ code: 'ticket.internal-note-staff-only' });
}

/** Whether the actor reads the ticket's internal notes (in the closure report's history, for one). */
export function readsInternalNotes(actor: ActorV1): boolean {
  return STAFF_ROLES.includes(actor.role);
}

/** The closure report: staff, the ticket's requester, or the referente of its jurisdiction. */
export function mayReadClosureReport(actor: ActorV1, ticket: TicketFacts): Decision {
  return STAFF_ROLES.includes(actor.role) || speaksForRequester(actor, ticket)
    ? ALLOWED
    : refuse({ code: 'ticket.closure-report-not-allowed' });
}

export function mayReadSlaPolicies(actor: ActorV1): Decision {
  return STAFF_ROLES.includes(actor.role) ? ALLOWED : refuse({ code: 'sla.read-staff-only' });
}

export function mayReplaceSlaPolicies(actor: ActorV1): Decision {
  return actor.role === Role.Admin ? ALLOWED : refuse({ code: 'sla.change-admins-only' });
}

export function mayReadCalendars(actor: ActorV1): Decision {
  return STAFF_ROLES.includes(actor.role) ? ALLOWED : refuse({ code: 'calendars.read-staff-only' });
}

export function mayChangeCalendars(actor: ActorV1): Decision {
  return actor.role === Role.Admin ? ALLOWED : refuse({ code: 'calendars.change-admins-only' });
}

/** E-mail addresses are compared case-insensitively; tickets store them in this form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
