import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import {
  Events,
  RoutingCommands,
  type ActorV1,
  type EventEnvelope,
  type Role,
  type TicketRegisteredV1,
} from '@cau/contracts';
import {
  RpcClient,
  ServiceError,
  Subjects,
  messagingConfigFromEnv,
  startService,
  type RunningService,
} from '@cau/messaging';
import { createTestInfrastructure, waitFor, type TestInfrastructure } from '@cau/testing';
import pg from 'pg';
import { routingService } from '../src/routing.service.js';

export const actor = (role: Role, extra: Partial<ActorV1> = {}): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email: `${role}.${randomUUID().slice(0, 8)}@cau.gob`,
  name: `Persona ${role}`,
  ...extra,
});

export interface StoredEvent {
  subject: string;
  type: string;
  ticketId: string | null;
  data: Record<string, unknown>;
}

/**
 * One routing instance against its own database and stream, fed the way production feeds it: tickets
 * arrive as `ticket.registered` envelopes published to JetStream, as intake's outbox relay publishes them.
 */
export class RoutingHarness {
  private nextNumber = 1;
  /** Asks Locate until routing has seen a new ticket. */
  private readonly watcher = actor('supervisor');

  private constructor(
    readonly infra: TestInfrastructure,
    private running: RunningService,
    private readonly env: NodeJS.ProcessEnv,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly subjects: Subjects,
    readonly rpc: RpcClient,
    readonly db: pg.Client,
  ) {}

  static async start(label: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RoutingHarness> {
    const infra = await createTestInfrastructure(label);
    const env = { ...process.env, ...infra.env, ROUTING_PORT: '0', ...extraEnv };
    const service = await startService(routingService, env);
    const nc = await connect({ servers: infra.env.NATS_URL });
    const subjects = new Subjects(messagingConfigFromEnv(infra.env));
    const db = new pg.Client({ connectionString: infra.database.url });
    await db.connect();
    return new RoutingHarness(
      infra,
      service,
      env,
      nc,
      jetstream(nc),
      await jetstreamManager(nc),
      subjects,
      new RpcClient(nc, subjects, 10_000),
      db,
    );
  }

  /** Stops routing and starts it again on the same database, with the same environment. */
  async restart(): Promise<void> {
    await this.running.stop();
    this.running = await startService(routingService, this.env);
  }

  async stop(): Promise<void> {
    await this.db.end();
    await this.nc.close();
    await this.running.stop();
    await this.infra.cleanup();
  }

  registration(overrides: Partial<TicketRegisteredV1> = {}): TicketRegisteredV1 {
    return {
      ticketId: randomUUID(),
      number: this.nextNumber++,
      registeredAt: new Date().toISOString(),
      channel: 'telefono',
      requesterId: randomUUID(),
      requester: { email: 'ana.perez@salud.gob', name: 'Ana Pérez' },
      registeredBy: { accountId: randomUUID(), name: 'Operadora', role: 'operator' },
      jurisdiction: 'SALUD',
      title: 'La impresora no imprime',
      description: 'Desde esta mañana',
      type: 'incidente',
      category: 'impresoras',
      impact: 'medio',
      urgency: 'alta',
      attachments: [],
      ...overrides,
    };
  }

  /** Publishes `ticket.registered` and waits until routing has routed the ticket. */
  async register(overrides: Partial<TicketRegisteredV1> = {}): Promise<TicketRegisteredV1> {
    const data = this.registration(overrides);
    const envelope: EventEnvelope<TicketRegisteredV1> = {
      id: randomUUID(),
      type: Events.TicketRegistered.type,
      version: Events.TicketRegistered.version,
      occurredAt: new Date().toISOString(),
      ticketId: data.ticketId,
      source: 'intake',
      sequence: 1,
      correlationId: randomUUID(),
      causationId: null,
      data,
    };
    await this.js.publish(this.subjects.event(envelope.type), JSON.stringify(envelope), { msgID: envelope.id });
    await waitFor(() => this.request(RoutingCommands.Locate, { actor: this.watcher, number: data.number }), {
      what: `ticket ${data.number} routed`,
    });
    return data;
  }

  request<T>(subject: string, data: unknown): Promise<T> {
    return this.rpc.request<T>(subject, data);
  }

  /** The refusal a request ends with (fails the test when it succeeds). */
  async refusal(subject: string, data: unknown): Promise<ServiceError> {
    const outcome = await this.request(subject, data).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (!('error' in outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
    if (!(outcome.error instanceof ServiceError)) throw outcome.error;
    return outcome.error;
  }

  /** Every event routing emitted for the ticket, in stream order. */
  async events(ticketId: string): Promise<StoredEvent[]> {
    const stream = this.infra.messaging.eventsStream;
    const { state } = await this.jsm.streams.info(stream);
    const found: StoredEvent[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const msg = await this.jsm.streams.getMessage(stream, { seq });
      if (!msg) continue;
      const envelope = msg.json<EventEnvelope<Record<string, unknown>>>();
      if (envelope.ticketId === ticketId && envelope.source === 'routing') {
        found.push({ subject: msg.subject, type: envelope.type, ticketId: envelope.ticketId, data: envelope.data });
      }
    }
    return found;
  }

  /** Waits until the ticket has `count` events in the stream (the outbox relay publishes after commit). */
  eventsWhenThere(ticketId: string, count: number): Promise<StoredEvent[]> {
    return waitFor(
      async () => {
        const events = await this.events(ticketId);
        return events.length >= count ? events : undefined;
      },
      { what: `${count} event(s) of ticket ${ticketId}` },
    );
  }

  /** The subject an event of this type for this area is published on. */
  eventSubject(type: string, area?: string): string {
    return this.subjects.event(type, area);
  }
}
