import { randomUUID } from 'node:crypto';
import type { Subscription } from '@nats-io/transport-node';
import type pg from 'pg';
import {
  Events,
  ProcedureEvents,
  ResolutionRpc,
  RoutingRpc,
  forArea,
  type ActorV1,
  type AnyRpcDefinition,
  type AreaRpcDefinition,
  type DerivationKind,
  type EventDefinition,
  type EventEnvelope,
  type Priority,
  type ReplyOf,
  type RequestOf,
  type ResolutionAction,
  type TicketCommandBase,
  type TicketDerivedV1,
  type TicketReclassifiedV1,
  type TicketRoutedV1,
  type LifecycleStateV1,
} from '@cau/contracts';
import type { RunningService } from '@cau/messaging';
import { ServiceBench, eventEnvelope, ticketRegistration, waitFor } from '@cau/testing';
import { Clock } from '../src/clock.js';
import { createResolutionService } from '../src/resolution.service.js';
import { SlaSweeper } from '../src/sla/sla-sweeper.js';

/** A clock the test moves; every instance of the file shares it. */
export class TestClock extends Clock {
  private current: Date;

  constructor(start: string) {
    super();
    this.current = new Date(start);
  }

  override now(): Date {
    return new Date(this.current);
  }

  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
}

const person = (role: ActorV1['role'], name: string, extra: Partial<ActorV1> = {}): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email: `${name.toLowerCase().replace(/\s+/g, '.')}@cau.gob`,
  name,
  ...extra,
});

export const people = {
  operator: () => person('operator', 'Olga Operadora'),
  agent: (area: string) => person('agent', `Agente ${area}`, { area }),
  supervisor: () => person('supervisor', 'Susana Supervisora'),
  admin: () => person('admin', 'Adrián Admin'),
  requester: (email = 'ana.perez@salud.gob') => person('requester', 'Ana Pérez', { email }),
};

export interface TestTicket {
  ticketId: string;
  number: number;
  registeredAt: string;
}

/** Where the test says routing has each ticket: the answer of the stand-in for `routing.ticket.locate.v1`. */
type RoutingTruth = Map<number, { ticketId: string; area: string; priority: Priority }>;

const routingActor = { accountId: randomUUID(), name: 'Enrutador', role: 'operator' };

/** Each action's command, so tests name the action (and send a body the contract may refuse). */
const LIFECYCLE_COMMANDS: Record<ResolutionAction, AreaRpcDefinition<TicketCommandBase, LifecycleStateV1>> = {
  take: ResolutionRpc.Take,
  assign: ResolutionRpc.Assign,
  estimate: ResolutionRpc.Estimate,
  'log-work': ResolutionRpc.LogWork,
  'register-solution': ResolutionRpc.RegisterSolution,
  submit: ResolutionRpc.Submit,
  review: ResolutionRpc.Review,
  reopen: ResolutionRpc.Reopen,
  'wait-requester': ResolutionRpc.WaitRequester,
  resume: ResolutionRpc.Resume,
  survey: ResolutionRpc.Survey,
  comment: ResolutionRpc.Comment,
  accept: ResolutionRpc.Accept,
  link: ResolutionRpc.Link,
  unlink: ResolutionRpc.Unlink,
  merge: ResolutionRpc.Merge,
};

/**
 * Resolution instances on one database and stream, fed the way production feeds them: event envelopes
 * published to JetStream as intake's and routing's outbox relays publish them. Routing itself is not
 * running; a small responder answers its Locate query from what the test derived.
 */
export class ResolutionHarness {
  readonly instances: RunningService[] = [];
  readonly routing: RoutingTruth = new Map();
  locateCalls = 0;
  private nextNumber = 1;
  private readonly routingSequence = new Map<string, number>();

  private constructor(
    readonly bench: ServiceBench,
    readonly clock: TestClock,
    private readonly locator: Subscription,
  ) {}

  static async start(
    label: string,
    options: { clock?: string; env?: Record<string, string>; instances?: Array<Record<string, string>> } = {},
  ): Promise<ResolutionHarness> {
    const bench = await ServiceBench.open(label, {
      env: {
        CAU_TIME_ZONE: 'America/Argentina/Buenos_Aires',
        // Sweeps are driven by the tests through `sweep(now)`.
        SLA_SWEEP_INTERVAL_MS: '3600000',
        ...options.env,
      },
    });
    const locator = bench.nc.subscribe(bench.subjects.command(RoutingRpc.Locate.subject));
    const h = new ResolutionHarness(bench, new TestClock(options.clock ?? '2026-03-02T12:00:00Z'), locator);
    h.answerLocate();
    for (const extra of options.instances ?? [{}]) await h.startInstance(extra);
    return h;
  }

  get db(): pg.Client {
    return this.bench.db;
  }

  async startInstance(extraEnv: Record<string, string> = {}): Promise<RunningService> {
    const env = { ...this.bench.env, ...extraEnv };
    const service = await this.bench.start(createResolutionService({ env, clock: this.clock }), extraEnv);
    this.instances.push(service);
    return service;
  }

  async stop(): Promise<void> {
    this.locator.unsubscribe();
    await this.bench.stop();
  }

  /** The stand-in for routing's Locate, answering in Nest's reply format as routing would. */
  private answerLocate(): void {
    void (async () => {
      for await (const msg of this.locator) {
        this.locateCalls++;
        const { id, data } = msg.json<{ id: string; data: { number: number } }>();
        const where = this.routing.get(data.number);
        const reply = where
          ? {
              id,
              response: {
                ticketId: where.ticketId,
                number: data.number,
                area: where.area,
                priority: where.priority,
                sequence: this.routingSequence.get(where.ticketId) ?? 0,
              },
            }
          : { id, err: { code: 'NOT_FOUND', params: { resource: 'ticket', id: data.number } } };
        msg.respond(JSON.stringify({ ...reply, isDisposed: true }));
      }
    })();
  }

  sweeper(instance = 0): SlaSweeper {
    return this.instances[instance]!.app.get(SlaSweeper);
  }

  // ---- events, as intake and routing publish them ----

  envelope<T extends { ticketId: string }>(
    definition: EventDefinition<T>,
    source: string,
    data: T,
    sequence: number,
  ): EventEnvelope<T> {
    return eventEnvelope(definition, data, { source, sequence });
  }

  publish(envelope: EventEnvelope, area?: string): Promise<void> {
    return this.bench.publish(envelope, area ? { area } : {});
  }

  /** Waits until a consumer of some instance committed the events (their inbox rows exist). */
  applied(...envelopes: EventEnvelope[]): Promise<void> {
    return this.bench.applied('resolution', envelopes);
  }

  private nextRoutingSequence(ticketId: string): number {
    const next = (this.routingSequence.get(ticketId) ?? 0) + 1;
    this.routingSequence.set(ticketId, next);
    return next;
  }

  /** A ticket registered by intake and routed to L1, as both events arrive. */
  async ticket(
    options: {
      registeredAt?: string;
      priority?: Priority;
      requesterEmail?: string;
      jurisdiction?: string;
      service?: string;
    } = {},
  ): Promise<TestTicket> {
    const ticketId = randomUUID();
    const number = this.nextNumber++;
    const registeredAt = options.registeredAt ?? this.clock.now().toISOString();
    const priority = options.priority ?? 'ALTA';
    const registration = ticketRegistration(number, {
      ticketId,
      registeredAt,
      requester: { email: options.requesterEmail ?? 'Ana.Perez@salud.gob', name: 'Ana Pérez' },
      registeredBy: { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' },
      jurisdiction: options.jurisdiction ?? 'SALUD',
      title: 'No funciona el correo',
      description: 'El servidor de correo no responde desde la mañana',
      category: 'correo',
      ...(options.service ? { service: options.service } : {}),
      impact: 'alto',
    });
    const routed: TicketRoutedV1 = { ticketId, number, priority, area: 'L1', routedAt: registeredAt };
    const events = [
      this.envelope(Events.TicketRegistered, 'intake', registration, 1),
      this.envelope(Events.TicketRouted, 'routing', routed, this.nextRoutingSequence(ticketId)),
    ];
    await this.publish(events[0]!);
    await this.publish(events[1]!, 'L1');
    await this.applied(...events);
    this.routing.set(number, { ticketId, area: 'L1', priority });
    return { ticketId, number, registeredAt };
  }

  /** Routing derives the ticket; with `deliver: false` the event is prepared but not yet published. */
  derivation(
    ticket: TestTicket,
    from: string,
    to: string,
    kind: DerivationKind,
  ): { envelope: EventEnvelope<TicketDerivedV1>; deliver: () => Promise<void> } {
    const data: TicketDerivedV1 = {
      ticketId: ticket.ticketId,
      number: ticket.number,
      by: routingActor,
      at: this.clock.now().toISOString(),
      derivationId: randomUUID(),
      from,
      to,
      kind,
      reason: kind === 'return' ? 'Solución aplicada; vuelve a la Mesa de Servicios' : 'Problema de disponibilidad',
    };
    const definition = kind === 'return' ? ProcedureEvents.SolutionReturned : ProcedureEvents.TicketEscalated;
    const envelope = this.envelope(definition, 'routing', data, this.nextRoutingSequence(ticket.ticketId));
    this.routing.set(ticket.number, { ...this.routing.get(ticket.number)!, area: to });
    return {
      envelope,
      deliver: async () => {
        await this.publish(envelope, to);
        await this.applied(envelope);
      },
    };
  }

  /**
   * Routing reclassifies the ticket to `priority` (impact and urgency as the matrix would have them); with
   * `deliver: false` the event is prepared but not yet published.
   */
  reclassification(
    ticket: TestTicket,
    from: Priority,
    to: Priority,
  ): { envelope: EventEnvelope<TicketReclassifiedV1>; deliver: () => Promise<void> } {
    const where = this.routing.get(ticket.number)!;
    const classification = (priority: Priority) =>
      ({
        type: 'incidente',
        category: 'correo',
        impact: priority === 'ALTA' ? 'alto' : priority === 'MEDIA' ? 'medio' : 'bajo',
        urgency: priority === 'ALTA' ? 'alta' : priority === 'MEDIA' ? 'media' : 'baja',
        priority,
      }) as const;
    const data: TicketReclassifiedV1 = {
      ticketId: ticket.ticketId,
      number: ticket.number,
      by: routingActor,
      at: this.clock.now().toISOString(),
      area: where.area,
      previous: classification(from),
      current: classification(to),
      reason: 'Afecta a todo el organismo',
    };
    const envelope = this.envelope(
      ProcedureEvents.TicketReclassified,
      'routing',
      data,
      this.nextRoutingSequence(ticket.ticketId),
    );
    this.routing.set(ticket.number, { ...where, priority: to });
    return {
      envelope,
      deliver: async () => {
        await this.publish(envelope, where.area);
        await this.applied(envelope);
      },
    };
  }

  async derive(ticket: TestTicket, from: string, to: string, kind: DerivationKind = 'escalate'): Promise<void> {
    await this.derivation(ticket, from, to, kind).deliver();
  }

  // ---- commands and queries ----

  command(
    action: ResolutionAction,
    area: string,
    actor: ActorV1,
    ticket: TestTicket,
    body?: object,
  ): Promise<LifecycleStateV1> {
    return this.bench.request(forArea(LIFECYCLE_COMMANDS[action], area), {
      actor,
      number: ticket.number,
      ...(body ? { body } : {}),
    });
  }

  query<D extends AnyRpcDefinition>(definition: D, request: RequestOf<D>): Promise<ReplyOf<D>> {
    return this.bench.request(definition, request);
  }

  /** The ticket's row as stored (due dates, overdue). */
  async row(ticket: TestTicket): Promise<Record<string, any>> {
    const result = await this.db.query('SELECT * FROM resolution.tickets WHERE ticket_id = $1', [ticket.ticketId]);
    return result.rows[0]!;
  }

  /**
   * Events of one type about one ticket (null: about none) that reached the stream, once the outbox has
   * been relayed.
   */
  async streamed(definition: EventDefinition<object>, ticket: TestTicket | null): Promise<EventEnvelope[]> {
    await waitFor(async () => (await this.db.query('SELECT 1 FROM resolution.outbox LIMIT 1')).rowCount === 0, {
      what: 'the outbox relayed',
    });
    const consumer = await this.bench.js.consumers.get(this.bench.infra.messaging.eventsStream, {
      // Area-scoped events end in the area token.
      filter_subjects: definition.areaOf
        ? `${this.bench.subjects.event(definition.type)}.>`
        : this.bench.subjects.event(definition.type),
    });
    const found: EventEnvelope[] = [];
    const messages = await consumer.fetch({ max_messages: 10_000, expires: 2_000 });
    for await (const msg of messages) {
      const envelope = msg.json<EventEnvelope>();
      if (envelope.ticketId === (ticket?.ticketId ?? null)) found.push(envelope);
      if (msg.info.pending === 0) break;
    }
    return found;
  }
}

/** The error payload of a refused call (or null if it succeeded). */
export function refusal(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => null,
    (error: { payload?: unknown; reason?: string; message?: string }) => error.payload ?? { unavailable: error.reason },
  );
}
