import { RpcException } from '@nestjs/microservices';
import { ErrorCode, validateContract, type FieldProblem, type Refusal, type ServiceErrorPayload } from '@cau/contracts';
import type { ClassConstructor } from 'class-transformer';

/**
 * A refusal a service sends back to its caller: a code and parameters, never prose, so the gateway
 * can answer in the caller's language. Extends RpcException so Nest puts the payload on the wire.
 */
export class ServiceError extends RpcException {
  constructor(readonly payload: ServiceErrorPayload) {
    super(payload);
  }

  static validation(fields: FieldProblem[]): ServiceError {
    return new ServiceError({ code: ErrorCode.Validation, fields });
  }

  static notFound(resource: string, id: string | number): ServiceError {
    return new ServiceError({ code: ErrorCode.NotFound, params: { resource, id } });
  }

  static forbidden(refusal?: Refusal): ServiceError {
    return new ServiceError(refusal ? { code: ErrorCode.Forbidden, refusal } : { code: ErrorCode.Forbidden });
  }

  static conflict(refusal: Refusal): ServiceError {
    return new ServiceError({ code: ErrorCode.Conflict, refusal });
  }
}

/** Thrown by the RPC client when no instance answered in time (mapped to 503 by the gateway). */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly subject: string,
    readonly reason: 'timeout' | 'no-responders' | 'disconnected',
  ) {
    super(`${subject}: ${reason}`);
  }
}

/** Validates an incoming command or query, refusing it with field-level problems. */
export function parseMessage<T extends object>(cls: ClassConstructor<T>, data: unknown): T {
  const result = validateContract(cls, data);
  if (!result.ok) throw ServiceError.validation(result.problems);
  return result.value;
}
