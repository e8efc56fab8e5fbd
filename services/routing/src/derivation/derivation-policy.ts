import { Role, type ActorV1, type DerivationKind, type Refusal } from '@cau/contracts';
import type { Decision } from '../access/access-policy.js';
import type { DerivationCheck } from '../escalation/escalation-graph.js';

/**
 * Whether the actor's role may derive tickets at all: requesters and referentes follow tickets, they
 * never move them between areas. Checked before the ticket is read.
 */
export function mayDerive(actor: ActorV1): Decision {
  switch (actor.role) {
    case Role.Operator:
    case Role.Agent:
    case Role.Supervisor:
    case Role.Admin:
      return { allowed: true };
    case Role.Requester:
    case Role.Referente:
      return { allowed: false, refusal: { code: 'routing.requesters-do-not-derive' } };
  }
}

/**
 * Whether the actor may derive a ticket out of the area it is in. Supervisors and administrators act on
 * every area; an L1 operator derives from the entry area only (9.1 steps 3–4); an agent only from their
 * own area, since the area that holds the case decides where it goes next (9.2 step 3, 9.3 step 3).
 */
export function mayDeriveFrom(actor: ActorV1, from: string, entryArea: string): Decision {
  const base = mayDerive(actor);
  if (!base.allowed) return base;
  switch (actor.role) {
    case Role.Operator:
      return from === entryArea
        ? { allowed: true }
        : { allowed: false, refusal: { code: 'routing.operator-entry-area-only', params: { entryArea, area: from } } };
    case Role.Agent:
      if (!actor.area) return { allowed: false, refusal: { code: 'routing.agent-without-area' } };
      return from === actor.area
        ? { allowed: true }
        : {
            allowed: false,
            refusal: { code: 'routing.agent-own-area-derive', params: { ownArea: actor.area, area: from } },
          };
    default:
      return { allowed: true };
  }
}

/** Why a ticket whose work has ended is not derived: it would land in an area's queue with nothing to do. */
export function finishedDerivationRefusal(number: number, finishedAs: string): Refusal {
  return finishedAs === 'fusionado'
    ? { code: 'routing.ticket-merged', params: { number } }
    : { code: 'routing.ticket-closed', params: { number } };
}

/** Why a derivation is refused, naming where the ticket may go instead. */
export function refusedDerivation(
  from: string,
  to: string,
  kind: DerivationKind | undefined,
  check: Extract<DerivationCheck, { allowed: false }>,
): Refusal {
  const allowed = check.allowedTargets;
  switch (check.reason) {
    case 'unknown-area':
      return { code: 'routing.unknown-area', params: { from, to, allowed } };
    case 'no-edge':
      return { code: 'routing.no-edge', params: { from, to, allowed } };
    case 'wrong-kind':
      return { code: 'routing.wrong-kind', params: { from, to, kind: kind!, allowed } };
  }
}
