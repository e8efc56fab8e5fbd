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
    for (const event of events) {
      const checked = validateContract(event.definition.payload, event.data);
      if (!checked.ok) {
        throw new Error(`refusing to emit invalid ${event.definition.type}: ${JSON.stringify(checked.problems)}`);
      }
      const scope = event.correlation ?? ambient;
      envelopes.push({
        id: randomUUID(),
        type: event.definition.type,
        version: event.definition.version,
        occurredAt: new Date().toISOString(),
        ticketId: event.ticketId,
        source: this.source,
        // Events without a ticket have 0; a ticket's events get their numbers from its counter, in the statement.
        sequence: 0,
        correlationId: event.causedBy?.correlationId ?? scope?.correlationId ?? randomUUID(),
        causationId: event.causedBy?.id ?? scope?.causationId ?? null,
        data: event.data,
      });
      subjects.push(this.subjects.event(event.definition.type, event.definition.areaOf?.(event.data)));
    }
    // Each ticket's events take the next numbers of its counter, in the order given: the counter moves by the
    // ticket's count and returns its new value `last`, and an event `back` places before the last gets `last - back`.
    const counts = new Map<string, number>();
    for (const { ticketId } of envelopes) if (ticketId) counts.set(ticketId, (counts.get(ticketId) ?? 0) + 1);
    const seen = new Map<string, number>();
    const back = envelopes.map(({ ticketId }) => {
      if (!ticketId) return 0;
      const index = seen.get(ticketId) ?? 0;
      seen.set(ticketId, index + 1);
      return counts.get(ticketId)! - 1 - index;
    });
    // Sorted, so two transactions lock the counters in the same order and cannot deadlock.
    const counters = [...counts.keys()].sort();
    // Counters, rows and the relay's wake-up in one round trip. The notification reaches listeners only when the
    // transaction commits: the relay wakes at once, never early. It carries the last row's position, so a relay
    // that has already published that far (woken by the commit itself) does not look again.
    const [answer] = await tx.query<Array<{ last: Record<string, string | number> }>>(
      `WITH counted AS (
         INSERT INTO "${this.schema}".sequences (ticket_id, sequence)
         SELECT * FROM unnest($4::uuid[], $5::bigint[])
         ON CONFLICT (ticket_id) DO UPDATE SET sequence = "${this.schema}".sequences.sequence + EXCLUDED.sequence
         RETURNING ticket_id, sequence AS last),
       written AS (
         INSERT INTO "${this.schema}".outbox (event_id, subject, envelope)
         SELECT e.event_id, e.subject,
                CASE WHEN c.ticket_id IS NULL THEN e.envelope
                     ELSE jsonb_set(e.envelope, '{sequence}', to_jsonb(c.last - e.back)) END
           FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $6::uuid[], $7::bigint[])
                WITH ORDINALITY AS e (event_id, subject, envelope, ticket_id, back, position)
           LEFT JOIN counted c ON c.ticket_id = e.ticket_id
          ORDER BY e.position
         RETURNING seq)
       SELECT pg_notify($8, (SELECT max(seq) FROM written)::text),
              (SELECT coalesce(json_object_agg(ticket_id, last), '{}') FROM counted) AS last`,
      [
        envelopes.map((e) => e.id),
        subjects,
        envelopes.map((e) => JSON.stringify(e)),
        counters,
        counters.map((id) => counts.get(id)),
        envelopes.map((e) => e.ticketId),
        back,
        this.notifyChannel,
      ],
    );
    const last = new Map(Object.entries(answer!.last).map(([id, value]) => [id.toLowerCase(), Number(value)]));
    envelopes.forEach((envelope, index) => {
      if (envelope.ticketId) envelope.sequence = last.get(envelope.ticketId.toLowerCase())! - back[index]!;
    });
    return envelopes;
  }
}

export function outboxChannel(schema: string): string {
  return `cau_outbox_${schema}`;
}
