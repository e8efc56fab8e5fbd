import { randomUUID } from 'node:crypto';
import type pg from 'pg';
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
import type { RpcClient, RunningService } from '@cau/messaging';
import { ServiceBench, eventEnvelope, testActor, ticketRegistration, type TestInfrastructure } from '@cau/testing';
import { reportingService } from '../src/reporting.service.js';

export const staff = (role: ActorV1['role'] = 'operator'): ActorV1 => testActor(role);

/** One operator registers every ticket of a file, as the productivity figures expect. */
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
    readonly bench: ServiceBench,
    readonly service: RunningService,
  ) {}

  static async start(label: string): Promise<ReportingHarness> {
    const bench = await ServiceBench.open(label);
    return new ReportingHarness(bench, await bench.start(reportingService));
  }

  get infra(): TestInfrastructure {
    return this.bench.infra;
  }

  get rpc(): RpcClient {
    return this.bench.rpc;
  }

  get db(): pg.Client {
    return this.bench.db;
  }

  stop(): Promise<void> {
    return this.bench.stop();
  }

  /** A fresh ticket number, so tests sharing one database never collide. */
  number(): number {
    return this.nextNumber++;
  }

  registration(overrides: Partial<TicketRegisteredV1> = {}): TicketRegisteredV1 {
    return ticketRegistration(this.number(), {
      registeredAt: '2025-03-10T12:00:00.000Z',
      requester: { email: 'ana.perez@salud.gob', name: 'Ana Pérez', phone: '+54 2954 123456' },
      title: 'No funciona el correo',
      description: 'El servidor de correo no responde desde la mañana',
      category: 'correo',
      registeredBy: registrar,
      ...overrides,
    });
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
    occurredAt?: string,
  ): EventEnvelope<T> {
    return eventEnvelope(definition, data, { source, sequence, ...(occurredAt ? { occurredAt } : {}) });
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
    return eventEnvelope(CalendarEvents.CalendarsChanged, data, { source: 'resolution', occurredAt: data.at });
  }

  /** Publishes as an outbox relay does: Nats-Msg-Id = event id, unless a test overrides it. */
  async publish(envelope: EventEnvelope, msgID = envelope.id): Promise<void> {
    const area = definitions.get(envelope.type)?.areaOf?.(envelope.data as object);
    await this.bench.publish(envelope, { msgID, ...(area ? { area } : {}) });
  }

  /** Waits until the consumer committed the event (its inbox row exists). */
  applied(...envelopes: EventEnvelope[]): Promise<void> {
    return this.bench.applied('reporting', envelopes);
  }

  /** Publishes the events in order and waits until all were applied. */
  async feed(...envelopes: EventEnvelope[]): Promise<void> {
    for (const envelope of envelopes) await this.publish(envelope);
    await this.applied(...envelopes);
  }
}
