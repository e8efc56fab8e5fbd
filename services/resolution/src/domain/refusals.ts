import { type ActorV1, type ByV1, type FieldProblem, type Refusal, type TicketStatus } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import type { Decision } from './permissions.js';
import { transition, type LifecycleAction } from './status-machine.js';

/** The ways a command is refused, as the errors the gateway renders (refusals as codes, worded there). */

export function authorize(decision: Decision): void {
  if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
}

export function refuseIf(refusal: Refusal | null): void {
  if (refusal !== null) throw ServiceError.conflict(refusal);
}

export function validate(problems: FieldProblem[]): void {
  if (problems.length > 0) throw ServiceError.validation(problems);
}

/** The status after `action`, or a CONFLICT with the status machine's refusal. */
export function nextStatus(status: TicketStatus, action: LifecycleAction): TicketStatus {
  const result = transition(status, action);
  if (!result.ok) throw ServiceError.conflict(result.refusal);
  return result.status;
}

export function byOf(actor: ActorV1): ByV1 {
  return { accountId: actor.accountId, name: actor.name, role: actor.role, email: actor.email };
}
