import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Header carrying the correlation id across HTTP and NATS. */
export const CORRELATION_HEADER = 'x-correlation-id';
/** Header carrying the id of the event that caused a command, when there is one. */
export const CAUSATION_HEADER = 'x-causation-id';

export interface CorrelationScope {
  correlationId: string;
  causationId: string | null;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

export function runWithCorrelation<T>(scope: CorrelationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentCorrelation(): CorrelationScope | undefined {
  return storage.getStore();
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Accepts a client-supplied id only when it is short and printable, so logs cannot be forged. */
export function sanitizeCorrelationId(value: unknown): string {
  return typeof value === 'string' && SAFE_ID.test(value) ? value : randomUUID();
}
