import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { validateContract, type EventDefinition, type EventEnvelope } from '@cau/contracts';
import type { Subjects } from '../config.js';
import { currentCorrelation, type CorrelationScope } from '../observability/correlation.js';

export interface NewEvent<T extends object> {
  definition: EventDefinition<T>;
  data: T;
  ticketId: string | null;
  /** The event being handled when this one is emitted (for causation chains). */
  causedBy?: EventEnvelope | undefined;
  /** Overrides the ambient correlation scope (batched writers carry one per request). */
  correlation?: CorrelationScope | undefined;
}

/**
 * Writes domain events into the service's outbox table inside the caller's transaction, so an event
 * exists if and only if the state change that produced it was committed.
 */
export class Outbox {
  constructor(
    private readonly schema: string,
    private readonly source: string,
    private readonly subjects: Subjects,
  ) {}

  get notifyChannel(): string {
    return outboxChannel(this.schema);
  }

  async append<T extends object>(tx: EntityManager, event: NewEvent<T>): Promise<EventEnvelope<T>> {
    const [envelope] = await this.appendMany(tx, [event]);
    return envelope as EventEnvelope<T>;
  }

  async appendMany(tx: EntityManager, events: NewEvent<object>[]): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const ambient = currentCorrelation();
    const envelopes: EventEnvelope[] = [];
    const subjects: string[] = [];
    const sequences = await this.nextSequences(
      tx,
      events.map((e) => e.ticketId),
    );
    for (const [index, event] of events.entries()) {
      const checked = validateContract(event.definition.payload, event.data);
      if (!checked.ok) {
        throw new Error(`refusing to emit invalid ${event.definition.type}: ${JSON.stringify(checked.problems)}`);
      }
      const scope = event.correlation ?? ambient;
      const sequence = sequences[index] ?? 0;
      const envelope: EventEnvelope = {
        id: randomUUID(),
        type: event.definition.type,
        version: event.definition.version,
        occurredAt: new Date().toISOString(),
        ticketId: event.ticketId,
        source: this.source,
        sequence,
        correlationId: event.causedBy?.correlationId ?? scope?.correlationId ?? randomUUID(),
        causationId: event.causedBy?.id ?? scope?.causationId ?? null,
        data: event.data,
      };
      envelopes.push(envelope);
      subjects.push(this.subjects.event(event.definition.type, event.definition.areaOf?.(event.data)));
    }
    // The rows and the relay's wake-up in one round trip. The notification reaches listeners only when the
    // transaction commits: the relay wakes at once, never early. It carries the last row's position, so a relay
    // that has already published that far (woken by the commit itself) does not look again.
    await tx.query(
      `WITH written AS (
         INSERT INTO "${this.schema}".outbox (event_id, subject, envelope)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])
         RETURNING seq)
       SELECT pg_notify($4, (SELECT max(seq) FROM written)::text)`,
      [envelopes.map((e) => e.id), subjects, envelopes.map((e) => JSON.stringify(e)), this.notifyChannel],
    );
    return envelopes;
  }

  /**
   * The producer's per-ticket counters, advanced in the same transaction as the events (one round trip
   * for the whole batch). Events without a ticket get 0.
   */
  private async nextSequences(tx: EntityManager, ticketIds: Array<string | null>): Promise<number[]> {
    const counts = new Map<string, number>();
    for (const id of ticketIds) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    if (counts.size === 0) return ticketIds.map(() => 0);
    const ids = [...counts.keys()].sort();
    const rows: Array<{ ticket_id: string; sequence: string }> = await tx.query(
      `INSERT INTO "${this.schema}".sequences (ticket_id, sequence)
       SELECT * FROM unnest($1::uuid[], $2::bigint[])
       ON CONFLICT (ticket_id) DO UPDATE SET sequence = "${this.schema}".sequences.sequence + EXCLUDED.sequence
       RETURNING ticket_id, sequence`,
      [ids, ids.map((id) => counts.get(id))],
    );
    // Each ticket's block ends at the returned value; hand the block out in the events' order.
    const next = new Map(rows.map((r) => [r.ticket_id, Number(r.sequence) - counts.get(r.ticket_id)! + 1]));
    return ticketIds.map((id) => {
      if (!id) return 0;
      const value = next.get(id)!;
      next.set(id, value + 1);
      return value;
    });
  }
}

export function outboxChannel(schema: string): string {
  return `cau_outbox_${schema}`;
}
