import { ErrorCode, type ActorV1, type ByV1, type FieldProblem, type TicketStatus } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import type { Decision } from './permissions.js';
import { transition, type LifecycleAction } from './status-machine.js';

/** The ways a command is refused, as the errors the gateway renders (reasons in Spanish). */

export function conflict(detail: string): ServiceError {
  return new ServiceError({ code: ErrorCode.Conflict, params: { detail } });
}

export function authorize(decision: Decision): void {
  if (!decision.allowed) throw ServiceError.forbidden(decision.reason);
}

export function refuseIf(problem: string | null): void {
  if (problem !== null) throw conflict(problem);
}

export function validate(problems: FieldProblem[]): void {
  if (problems.length > 0) throw ServiceError.validation(problems);
}

/** The status after `action`, or a CONFLICT with the status machine's reason. */
export function nextStatus(status: TicketStatus, action: LifecycleAction): TicketStatus {
  const result = transition(status, action);
  if (!result.ok) throw conflict(result.reason);
  return result.status;
}

export function byOf(actor: ActorV1): ByV1 {
  return { accountId: actor.accountId, name: actor.name, role: actor.role, email: actor.email };
}
