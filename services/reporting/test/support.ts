import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import pg from 'pg';
import {
  CalendarEvents,
  Events,
  ProcedureEvents,
  ServiceLevelEvents,
  type ActorV1,
  type CalendarsChangedV1,
  type EventDefinition,
  type EventEnvelope,
  type TicketRegisteredV1,
  type TicketRoutedV1,
} from '@cau/contracts';
import { RpcClient, Subjects, messagingConfigFromEnv, startService, type RunningService } from '@cau/messaging';
import { createTestInfrastructure, waitFor, type TestInfrastructure } from '@cau/testing';
import { reportingService } from '../src/reporting.service.js';

export const staff = (role: ActorV1['role'] = 'operator'): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email: `${role}@cau.gob`,
  name: `Staff ${role}`,
});

const registrar = { accountId: randomUUID(), name: 'Operadora', role: 'operator' };

const definitions = new Map<string, EventDefinition<object>>(
  [...Object.values(Events), ...Object.values(ProcedureEvents), ...Object.values(ServiceLevelEvents)].map((d) => [
    d.type,
    d as EventDefinition<object>,
  ]),
);
/** Routing derives and reclassifies tickets; resolution produces every other procedure event. */
const routingTypes = new Set([
  ProcedureEvents.TicketEscalated.type,
  ProcedureEvents.SolutionReturned.type,
  ProcedureEvents.TicketReclassified.type,
]);

/**
 * One reporting instance against its own database and stream, fed the way production feeds it: event
 * envelopes published to JetStream as intake's, routing's and resolution's outbox relays publish them.
 */
export class ReportingHarness {
  private nextNumber = 1;

  private constructor(
    readonly infra: TestInfrastructure,
    readonly service: RunningService,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly subjects: Subjects,
    readonly rpc: RpcClient,
    readonly db: pg.Client,
  ) {}

  static async start(label: string): Promise<ReportingHarness> {
    const infra = await createTestInfrastructure(label);
    const service = await startService(reportingService, { ...process.env, ...infra.env, REPORTING_PORT: '0' });
    const nc = await connect({ servers: infra.env.NATS_URL });
    const subjects = new Subjects(messagingConfigFromEnv(infra.env));
    const db = new pg.Client({ connectionString: infra.database.url });
    await db.connect();
    return new ReportingHarness(infra, service, nc, jetstream(nc), subjects, new RpcClient(nc, subjects, 5_000), db);
  }

  async stop(): Promise<void> {
    await this.db.end();
    await this.nc.close();
    await this.service.stop();
    await this.infra.cleanup();
  }

  /** A fresh ticket number, so tests sharing one database never collide. */
  number(): number {
    return this.nextNumber++;
  }

  registration(overrides: Partial<TicketRegisteredV1> = {}): TicketRegisteredV1 {
    return {
      ticketId: randomUUID(),
      number: this.number(),
      registeredAt: '2025-03-10T12:00:00.000Z',
      channel: 'telefono',
      requesterId: randomUUID(),
      requester: { email: 'ana.perez@salud.gob', name: 'Ana Pérez', phone: '+54 2954 123456' },
      registeredBy: registrar,
      jurisdiction: 'SALUD',
      title: 'No funciona el correo',
      description: 'El servidor de correo no responde desde la mañana',
      type: 'incidente',
      category: 'correo',
      impact: 'medio',
      urgency: 'alta',
      attachments: [],
      ...overrides,
    };
  }

  routing(ticket: Pick<TicketRegisteredV1, 'ticketId' | 'number'>, overrides: Partial<TicketRoutedV1> = {}) {
    return {
      ticketId: ticket.ticketId,
      number: ticket.number,
      priority: 'ALTA',
      area: 'UIT',
      routedAt: '2025-03-10T12:05:00.000Z',
      ...overrides,
    } satisfies TicketRoutedV1;
  }

  envelope<T extends { ticketId: string }>(
    definition: EventDefinition<T>,
    source: string,
    data: T,
    sequence: number,
    occurredAt = new Date().toISOString(),
  ): EventEnvelope<T> {
    return {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt,
      ticketId: data.ticketId,
      source,
      sequence,
      correlationId: randomUUID(),
      causationId: null,
      data,
    };
  }

  registered(data: TicketRegisteredV1, sequence = 1, occurredAt?: string): EventEnvelope<TicketRegisteredV1> {
    return this.envelope(Events.TicketRegistered, 'intake', data, sequence, occurredAt);
  }

  routed(data: TicketRoutedV1, sequence = 1, occurredAt?: string): EventEnvelope<TicketRoutedV1> {
    return this.envelope(Events.TicketRouted, 'routing', data, sequence, occurredAt);
  }

  /** A procedure event from the service that produces it; it happened a second before it was published. */
  procedure<T extends { ticketId: string; at: string }>(
    definition: EventDefinition<T>,
    data: T,
    sequence: number,
  ): EventEnvelope<T> {
    const source = routingTypes.has(definition.type) ? 'routing' : 'resolution';
    return this.envelope(definition, source, data, sequence, new Date(Date.parse(data.at) + 1_000).toISOString());
  }

  /** Resolution's announcement of its business calendars (not about one ticket). */
  calendarsChanged(data: CalendarsChangedV1): EventEnvelope<CalendarsChangedV1> {
    return {
      id: randomUUID(),
      type: CalendarEvents.CalendarsChanged.type,
      version: CalendarEvents.CalendarsChanged.version,
      occurredAt: data.at,
      ticketId: null,
      source: 'resolution',
      sequence: 0,
      correlationId: randomUUID(),
      causationId: null,
      data,
    };
  }

  /** Publishes as an outbox relay does: Nats-Msg-Id = event id, unless a test overrides it. */
  async publish(envelope: EventEnvelope, msgID = envelope.id): Promise<void> {
    const area = definitions.get(envelope.type)?.areaOf?.(envelope.data as object);
    await this.js.publish(this.subjects.event(envelope.type, area), JSON.stringify(envelope), { msgID });
  }

  /** Waits until the consumer committed the event (its inbox row exists). */
  async applied(...envelopes: EventEnvelope[]): Promise<void> {
    const ids = envelopes.map((e) => e.id);
    await waitFor(
      async () => {
        const result = await this.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM reporting.inbox WHERE event_id = ANY($1::uuid[])',
          [ids],
        );
        return result.rows[0]!.n === ids.length;
      },
      { what: `${ids.length} event(s) applied` },
    );
  }

  /** Publishes the events in order and waits until all were applied. */
  async feed(...envelopes: EventEnvelope[]): Promise<void> {
    for (const envelope of envelopes) await this.publish(envelope);
    await this.applied(...envelopes);
  }
}
