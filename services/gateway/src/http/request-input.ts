import { createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ClassConstructor } from 'class-transformer';
import { Limits } from '@cau/contracts';
import { ServiceError, parseMessage } from '@cau/messaging';

/** How the text of query or path values becomes the contract's types, field by field. */
export interface TextConversions {
  integers?: readonly string[];
  /** `true` / `false`. */
  booleans?: readonly string[];
  /** One value or several: repeated (`status=a&status=b`), comma-separated (`status=a,b`), or both. */
  lists?: readonly string[];
}

/**
 * Validates a body, query or path against a contract class (unknown fields refused). Query and path
 * values arrive as text: the named fields are converted first when they look like their type (integers,
 * booleans, lists), so "abc" is still reported as "must be an integer" and "yes" as "must be true or false".
 */
export class ContractPipe<T extends object> implements PipeTransform<unknown, T> {
  private readonly conversions: TextConversions;

  constructor(
    private readonly contract: ClassConstructor<T>,
    conversions: readonly string[] | TextConversions = {},
  ) {
    this.conversions = isFieldList(conversions) ? { integers: conversions } : conversions;
  }

  transform(value: unknown): T {
    return parseMessage(this.contract, converted(value, this.conversions));
  }
}

function isFieldList(value: readonly string[] | TextConversions): value is readonly string[] {
  return Array.isArray(value);
}

function converted(value: unknown, conversions: TextConversions): unknown {
  const { integers = [], booleans = [], lists = [] } = conversions;
  if (typeof value !== 'object' || value === null || integers.length + booleans.length + lists.length === 0) {
    return value;
  }
  const result: Record<string, unknown> = { ...value };
  for (const field of integers) {
    const raw = result[field];
    if (typeof raw !== 'string' || !/^[+-]?\d+$/.test(raw)) continue;
    const number = Number(raw);
    if (Number.isSafeInteger(number)) result[field] = number;
  }
  for (const field of booleans) {
    const raw = result[field];
    if (raw === 'true' || raw === 'false') result[field] = raw === 'true';
  }
  for (const field of lists) {
    const raw = result[field];
    if (typeof raw === 'string') result[field] = splitList(raw);
    else if (Array.isArray(raw) && raw.every((item) => typeof item === 'string'))
      result[field] = raw.flatMap(splitList);
  }
  return result;
}

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

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
