import type { EventDefinition, EventEnvelope, FieldProblem, ValidationResult } from '@cau/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isText = (value: unknown): value is string => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an event read from our own stream: the envelope's shape and that its type and version are the
 * handler's, without validating the payload again. Every event on the stream went through an outbox that
 * validated its payload against the same contract class before writing it (`Outbox.append`), and
 * class-validator per event, in every consumer, was the largest CPU cost of applying one. Validation stays
 * at the edges (gateway, inbound mail, the outbox); replayed dead letters, which may be events that broke
 * their contract, are validated in full (`validateEvent`).
 */
export function checkOwnEvent<T extends object>(
  definition: EventDefinition<T>,
  raw: unknown,
): ValidationResult<EventEnvelope<T>> {
  if (!isObject(raw)) return { ok: false, problems: [{ field: '(body)', constraint: 'isObject' }] };
  const problems: FieldProblem[] = [];
  const expect = (field: string, ok: boolean, constraint: string, params?: unknown[]): void => {
    if (!ok) problems.push(params ? { field, constraint, params } : { field, constraint });
  };
  expect('id', isText(raw.id) && UUID.test(raw.id), 'isUuid');
  expect('type', raw.type === definition.type, 'isIn', [[definition.type]]);
  // A payload of another version is another contract: never read it as this one.
  expect('version', raw.version === definition.version, 'isIn', [[definition.version]]);
  expect('occurredAt', isText(raw.occurredAt), 'isIso8601');
  expect('ticketId', raw.ticketId == null || (isText(raw.ticketId) && UUID.test(raw.ticketId)), 'isUuid');
  expect('source', isText(raw.source), 'isString');
  expect('sequence', Number.isInteger(raw.sequence) && (raw.sequence as number) >= 0, 'min', [0]);
  expect('correlationId', isText(raw.correlationId), 'isString');
  expect('causationId', raw.causationId == null || isText(raw.causationId), 'isString');
  expect('data', isObject(raw.data), 'isObject');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: raw as unknown as EventEnvelope<T> };
}
