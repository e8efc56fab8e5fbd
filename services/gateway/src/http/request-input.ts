import { createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ClassConstructor } from 'class-transformer';
import { Limits } from '@cau/contracts';
import { ServiceError, parseMessage } from '@cau/messaging';

/**
 * Validates a body, query or path against a contract class (unknown fields refused). Query and path
 * values arrive as text: the named integer fields are converted first when they look like integers,
 * so "abc" is still reported as "must be an integer".
 */
export class ContractPipe<T extends object> implements PipeTransform<unknown, T> {
  constructor(
    private readonly contract: ClassConstructor<T>,
    private readonly integerFields: readonly string[] = [],
  ) {}

  transform(value: unknown): T {
    return parseMessage(this.contract, this.integerFields.length > 0 ? withIntegers(value, this.integerFields) : value);
  }
}

function withIntegers(value: unknown, fields: readonly string[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const converted: Record<string, unknown> = { ...value };
  for (const field of fields) {
    const raw = converted[field];
    if (typeof raw !== 'string' || !/^[+-]?\d+$/.test(raw)) continue;
    const number = Number(raw);
    if (Number.isSafeInteger(number)) converted[field] = number;
  }
  return converted;
}

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const PRINTABLE = /^[\x20-\x7e]+$/;

/** The optional `Idempotency-Key` header: up to 200 printable ASCII characters. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    value.length > Limits.idempotencyKey ||
    !PRINTABLE.test(value)
  ) {
    throw ServiceError.validation([{ field: IDEMPOTENCY_KEY_HEADER, constraint: 'header' }]);
  }
  return value;
});
