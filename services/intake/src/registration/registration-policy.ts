import { Channel, Role, type ActorV1, type Refusal, type TicketRegistrationV1 } from '@cau/contracts';

export type PolicyDecision = { allowed: true } | { allowed: false; refusal: Refusal };

/**
 * Who may register what. Staff register for anyone on any channel; a referente files for the people
 * of their own jurisdiction; a requester files only for themselves, through the portal.
 */
export function mayRegister(actor: ActorV1, registration: TicketRegistrationV1): PolicyDecision {
  switch (actor.role) {
    case Role.Operator:
    case Role.Agent:
    case Role.Supervisor:
    case Role.Admin:
      return { allowed: true };
    case Role.Referente:
      if (!actor.jurisdiction || actor.jurisdiction !== registration.jurisdiction) {
        return {
          allowed: false,
          refusal: {
            code: 'intake.referente-jurisdiction-only',
            params: actor.jurisdiction ? { jurisdiction: actor.jurisdiction } : {},
          },
        };
      }
      return { allowed: true };
    case Role.Requester:
      if (normalizeEmail(registration.requester.email) !== normalizeEmail(actor.email)) {
        return { allowed: false, refusal: { code: 'intake.requester-own-name-only' } };
      }
      if (registration.channel !== Channel.Portal) {
        return { allowed: false, refusal: { code: 'intake.requester-portal-only' } };
      }
      return { allowed: true };
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
