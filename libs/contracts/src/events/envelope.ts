import { IsDefined, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
import type { ClassConstructor } from 'class-transformer';
import { validateContract, type ValidationResult } from '../validation.js';

/**
 * Every domain event travels in this envelope. `sequence` is the producer's per-ticket counter:
 * consumers compare it to what they applied last so an older event never overwrites a newer state.
 */
export class EventEnvelope<T = unknown> {
  @IsUUID()
  id!: string;

  @IsString()
  @Matches(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/)
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsOptional()
  @IsUUID()
  ticketId!: string | null;

  @IsString()
  source!: string;

  @IsInt()
  @Min(0)
  sequence!: number;

  @IsString()
  correlationId!: string;

  @IsOptional()
  @IsString()
  causationId!: string | null;

  @IsDefined()
  @IsObject()
  data!: T;
}

/** Declares one event type: its name, schema version, payload class and optional area token. */
export interface EventDefinition<T extends object> {
  readonly type: string;
  readonly version: number;
  readonly payload: ClassConstructor<T>;
  /** Area-scoped events carry the area code as the last subject token. */
  areaOf?(data: T): string;
}

export function defineEvent<T extends object>(
  type: string,
  version: number,
  payload: ClassConstructor<T>,
  areaOf?: (data: T) => string,
): EventDefinition<T> {
  return areaOf ? { type, version, payload, areaOf } : { type, version, payload };
}

const ENVELOPE_KEYS = [
  'id',
  'type',
  'version',
  'occurredAt',
  'ticketId',
  'source',
  'sequence',
  'correlationId',
  'causationId',
  'data',
];

/** Checks the envelope, then the payload against the event's class. */
export function validateEvent<T extends object>(
  definition: EventDefinition<T>,
  raw: unknown,
): ValidationResult<EventEnvelope<T>> {
  const envelope = validateContract<EventEnvelope<object>>(EventEnvelope, pick(raw, ENVELOPE_KEYS));
  if (!envelope.ok) return envelope;
  if (envelope.value.type !== definition.type) {
    return { ok: false, problems: [{ field: 'type', constraint: 'isIn', params: [[definition.type]] }] };
  }
  const data = validateContract<T>(definition.payload, envelope.value.data);
  if (!data.ok) return { ok: false, problems: data.problems.map((p) => ({ ...p, field: `data.${p.field}` })) };
  return { ok: true, value: { ...envelope.value, data: data.value } };
}

function pick(raw: unknown, keys: string[]): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const record = raw as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]]));
}
