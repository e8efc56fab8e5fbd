import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type {
  ActorV1,
  AnyRpcDefinition,
  EventDefinition,
  EventEnvelope,
  ReplyOf,
  RequestOf,
  Role,
  TicketRegisteredV1,
} from '@cau/contracts';
import {
  RpcClient,
  ServiceError,
  Subjects,
  messagingConfigFromEnv,
  startService,
  type RunningService,
  type ServiceDefinition,
} from '@cau/messaging';
import { createTestInfrastructure, waitFor, type TestInfrastructure } from './infrastructure.js';
import { SERVICE_PORT_VARIABLES } from './processes.js';

/** An event as it sits in the stream, with the subject it was published on. */
export interface StreamedEvent {
  subject: string;
  envelope: EventEnvelope<Record<string, unknown>>;
}

/**
 * Services started in-process on a database and NATS subject prefix of their own, with what the tests
 * drive them with: a NATS connection (JetStream, RPC) and a database client. Services are fed the way
 * production feeds them, by event envelopes published to JetStream as another service's outbox relay
 * publishes them, and asked the way the gateway asks them, over NATS request/reply.
 */
export class ServiceBench {
  private readonly running: RunningService[] = [];

  private constructor(
    readonly infra: TestInfrastructure,
    /** The environment services start with: the test's infrastructure, HTTP on any free port. */
    readonly env: Record<string, string>,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly subjects: Subjects,
    readonly rpc: RpcClient,
    readonly db: pg.Client,
  ) {}

  static async open(label: string, options: { env?: Record<string, string>; rpcTimeoutMs?: number } = {}) {
    const infra = await createTestInfrastructure(label);
    const anyFreePort = Object.fromEntries(Object.values(SERVICE_PORT_VARIABLES).map((name) => [name, '0']));
    const env = { ...(process.env as Record<string, string>), ...infra.env, ...anyFreePort, ...options.env };
    const nc = await connect({ servers: infra.env.NATS_URL });
    const subjects = new Subjects(messagingConfigFromEnv(infra.env));
    const db = new pg.Client({ connectionString: infra.database.url });
    await db.connect();
    return new ServiceBench(
      infra,
      env,
      nc,
      jetstream(nc),
      await jetstreamManager(nc),
      subjects,
      new RpcClient(nc, subjects, options.rpcTimeoutMs ?? 5_000),
      db,
    );
  }

  /** The services started here and still running, in the order they started. */
  get services(): readonly RunningService[] {
    return this.running;
  }

  /** Starts a service with the bench's environment (and `extraEnv`); the bench stops it at the end. */
  async start(definition: ServiceDefinition, extraEnv: Record<string, string> = {}): Promise<RunningService> {
    const service = await startService(definition, { ...this.env, ...extraEnv });
    this.running.push(service);
    return service;
  }

  /** Stops one service before the end (e.g. to start it again on the same database). */
  async stopService(service: RunningService): Promise<void> {
    this.running.splice(this.running.indexOf(service), 1);
    await service.stop();
  }

  /** Closes the connections, stops the services (last started first) and drops the database and streams. */
  async stop(): Promise<void> {
    await this.db.end();
    await this.nc.close();
    for (const service of this.running.splice(0).reverse()) await service.stop();
    await this.infra.cleanup();
  }

  /** A declared request, typed by its definition. */
  request<D extends AnyRpcDefinition>(definition: D, request: RequestOf<D>): Promise<ReplyOf<D>> {
    return this.rpc.request(definition, request);
  }

  /** The refusal a request ends with (fails the test when it succeeds); it may send what no contract allows. */
  async refusal(target: AnyRpcDefinition | string, data: unknown): Promise<ServiceError> {
    const outcome = await this.rpc.send(typeof target === 'string' ? target : target.subject, data).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (!('error' in outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
    if (!(outcome.error instanceof ServiceError)) throw outcome.error;
    return outcome.error;
  }

  /** Publishes as an outbox relay does: on the event's subject (area-scoped with `area`), Nats-Msg-Id = event id. */
  async publish(envelope: EventEnvelope, options: { area?: string; msgID?: string } = {}): Promise<void> {
    await this.js.publish(this.subjects.event(envelope.type, options.area), JSON.stringify(envelope), {
      msgID: options.msgID ?? envelope.id,
    });
  }

  /** Waits until a consumer of the service owning `schema` committed the events (their inbox rows exist). */
  async applied(schema: string, envelopes: EventEnvelope[]): Promise<void> {
    const ids = envelopes.map((e) => e.id);
    await waitFor(
      async () => {
        const result = await this.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${schema}".inbox WHERE event_id = ANY($1::uuid[])`,
          [ids],
        );
        return result.rows[0]!.n === ids.length;
      },
      { what: `${ids.length} event(s) applied by ${schema}` },
    );
  }

  /** Every event in the test's stream that `keep` accepts, in stream order. */
  async streamed(keep: (envelope: EventEnvelope<Record<string, unknown>>) => boolean): Promise<StreamedEvent[]> {
    const stream = this.infra.messaging.eventsStream;
    const { state } = await this.jsm.streams.info(stream);
    const found: StreamedEvent[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const msg = await this.jsm.streams.getMessage(stream, { seq });
      const envelope = msg?.json<EventEnvelope<Record<string, unknown>>>();
      if (msg && envelope && keep(envelope)) found.push({ subject: msg.subject, envelope });
    }
    return found;
  }

  /** Waits until the stream holds at least `count` events that `keep` accepts (relays publish after commit). */
  streamedWhenThere(
    keep: (envelope: EventEnvelope<Record<string, unknown>>) => boolean,
    count: number,
    what: string,
  ): Promise<StreamedEvent[]> {
    return waitFor(
      async () => {
        const events = await this.streamed(keep);
        return events.length >= count ? events : undefined;
      },
      { what: `${count} event(s) of ${what}` },
    );
  }
}

/** An envelope as the producing service's outbox relay would publish it. */
export function eventEnvelope<T extends object>(
  definition: EventDefinition<T>,
  data: T,
  options: { source: string; sequence?: number; occurredAt?: string },
): EventEnvelope<T> {
  const ticketId = (data as { ticketId?: unknown }).ticketId;
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: options.occurredAt ?? new Date().toISOString(),
    ticketId: typeof ticketId === 'string' ? ticketId : null,
    source: options.source,
    sequence: options.sequence ?? (typeof ticketId === 'string' ? 1 : 0),
    correlationId: randomUUID(),
    causationId: null,
    data,
  };
}

/** A person with a role, distinct from every other one the test makes. */
export function testActor(role: Role, extra: Partial<ActorV1> = {}): ActorV1 {
  return {
    accountId: randomUUID(),
    role,
    email: `${role}.${randomUUID().slice(0, 8)}@cau.gob`,
    name: `Persona ${role}`,
    ...extra,
  };
}

/** What intake announces for a ticket registered by phone: a printer that does not print, unless overridden. */
export function ticketRegistration(number: number, overrides: Partial<TicketRegisteredV1> = {}): TicketRegisteredV1 {
  return {
    ticketId: randomUUID(),
    number,
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
