import { RecipientKind, Role } from '@cau/contracts';

/**
 * The kinds of recipient a person of this role can be mailed as: what their own opt-outs can apply to.
 * Staff also file tickets for themselves, so they can be requesters too; only a referente is a referente.
 */
export function recipientKindsOf(role: Role): RecipientKind[] {
  switch (role) {
    case Role.Requester:
      return [RecipientKind.Requester];
    case Role.Referente:
      return [RecipientKind.Requester, RecipientKind.Referente];
    case Role.Operator:
    case Role.Agent:
    case Role.Supervisor:
    case Role.Admin:
      return Object.values(RecipientKind).filter((kind) => kind !== RecipientKind.Referente);
  }
}
