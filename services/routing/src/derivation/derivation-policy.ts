import { Role, type ActorV1, type DerivationKind } from '@cau/contracts';
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
      return { allowed: false, reason: 'los solicitantes y referentes no derivan tickets' };
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
        : { allowed: false, reason: `un operador solo deriva tickets que están en ${entryArea}; este está en ${from}` };
    case Role.Agent:
      if (!actor.area) return { allowed: false, reason: 'la cuenta de agente no tiene un área asignada' };
      return from === actor.area
        ? { allowed: true }
        : {
            allowed: false,
            reason: `un agente solo deriva tickets de su área (${actor.area}); este está en ${from}`,
          };
    default:
      return { allowed: true };
  }
}

const KIND_ES: Record<DerivationKind, string> = {
  escalate: 'escalamiento',
  coordinate: 'coordinación',
  return: 'devolución',
};

/** Why a ticket whose work has ended is not derived: it would land in an area's queue with nothing to do. */
export function finishedDerivationDetail(number: number, finishedAs: string): string {
  return finishedAs === 'fusionado'
    ? `el ticket #${number} se fusionó en otro ticket: se trabaja en el original, no se deriva`
    : `el ticket #${number} está cerrado: se reabre antes de derivarlo`;
}

/** The Spanish explanation of a refused derivation, naming where the ticket may go instead. */
export function refusedDerivationDetail(
  from: string,
  to: string,
  kind: DerivationKind | undefined,
  check: Extract<DerivationCheck, { allowed: false }>,
): string {
  const targets = check.allowedTargets.length > 0 ? check.allowedTargets.join(', ') : 'ninguno';
  switch (check.reason) {
    case 'unknown-area':
      return `no se puede derivar de ${from} a ${to}: el área ${to} no existe; destinos permitidos: ${targets}`;
    case 'no-edge':
      return `no se puede derivar de ${from} a ${to}; destinos permitidos: ${targets}`;
    case 'wrong-kind': {
      const asKind = KIND_ES[kind!];
      return `no se puede derivar de ${from} a ${to} como ${asKind}; destinos permitidos como ${asKind}: ${targets}`;
    }
  }
}
