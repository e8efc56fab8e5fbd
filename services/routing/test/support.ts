import {
  type EventEnvelope,
  type TicketRegisteredV1,
  type AnyRpcDefinition,
  type RequestOf,
  type ReplyOf,
} from '@cau/contracts';
import { Events, RoutingRpc } from '@cau/contracts';
import type { RunningService, ServiceError } from '@cau/messaging';
import {
  ServiceBench,
  eventEnvelope,
  testActor,
  ticketRegistration,
  waitFor,
  type StreamedEvent,
  type TestInfrastructure,
} from '@cau/testing';
import type pg from 'pg';
import { routingService } from '../src/routing.service.js';

export { testActor as actor } from '@cau/testing';

export interface StoredEvent {
  subject: string;
  type: string;
  ticketId: string | null;
  data: Record<string, unknown>;
}

/** One routing instance on a bench of its own; tickets arrive as intake's outbox relay publishes them. */
export class RoutingHarness {
  private nextNumber = 1;
  /** Asks Locate until routing has seen a new ticket. */
  private readonly watcher = testActor('supervisor');

  private constructor(
    readonly bench: ServiceBench,
    private running: RunningService,
    private readonly extraEnv: Record<string, string>,
  ) {}

  static async start(label: string, extraEnv: Record<string, string> = {}): Promise<RoutingHarness> {
    const bench = await ServiceBench.open(label, { rpcTimeoutMs: 10_000 });
    return new RoutingHarness(bench, await bench.start(routingService, extraEnv), extraEnv);
  }

  get infra(): TestInfrastructure {
    return this.bench.infra;
  }

  get db(): pg.Client {
    return this.bench.db;
  }

  /** Stops routing and starts it again on the same database, with the same environment. */
  async restart(): Promise<void> {
    await this.bench.stopService(this.running);
    this.running = await this.bench.start(routingService, this.extraEnv);
  }

  stop(): Promise<void> {
    return this.bench.stop();
  }

  registration(overrides: Partial<TicketRegisteredV1> = {}): TicketRegisteredV1 {
    return ticketRegistration(this.nextNumber++, overrides);
  }

  /** Publishes `ticket.registered` and waits until routing has routed the ticket. */
  async register(overrides: Partial<TicketRegisteredV1> = {}): Promise<TicketRegisteredV1> {
    const data = this.registration(overrides);
    await this.bench.publish(eventEnvelope(Events.TicketRegistered, data, { source: 'intake' }));
    await waitFor(() => this.request(RoutingRpc.Locate, { actor: this.watcher, number: data.number }), {
      what: `ticket ${data.number} routed`,
    });
    return data;
  }

  request<D extends AnyRpcDefinition>(definition: D, request: RequestOf<D>): Promise<ReplyOf<D>> {
    return this.bench.request(definition, request);
  }

  refusal(definition: AnyRpcDefinition, data: unknown): Promise<ServiceError> {
    return this.bench.refusal(definition, data);
  }

  /** Every event routing emitted for the ticket, in stream order. */
  async events(ticketId: string): Promise<StoredEvent[]> {
    return (await this.bench.streamed(emittedFor(ticketId))).map(stored);
  }

  /** Waits until the ticket has `count` events in the stream (the outbox relay publishes after commit). */
  async eventsWhenThere(ticketId: string, count: number): Promise<StoredEvent[]> {
    return (await this.bench.streamedWhenThere(emittedFor(ticketId), count, `ticket ${ticketId}`)).map(stored);
  }

  /** The subject an event of this type for this area is published on. */
  eventSubject(type: string, area?: string): string {
    return this.bench.subjects.event(type, area);
  }
}

const emittedFor =
  (ticketId: string) =>
  (envelope: EventEnvelope): boolean =>
    envelope.ticketId === ticketId && envelope.source === 'routing';

const stored = ({ subject, envelope }: StreamedEvent): StoredEvent => ({
  subject,
  type: envelope.type,
  ticketId: envelope.ticketId,
  data: envelope.data,
});
