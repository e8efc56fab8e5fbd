import { randomUUID } from 'node:crypto';
import {
  Events,
  FieldServiceEvents,
  ProcedureEvents,
  ServiceLevelEvents,
  type EventDefinition,
  type EventEnvelope,
  type TicketRegisteredV1,
  type TicketStatus,
} from '@cau/contracts';
import { BatchScope, type EventHandler } from '@cau/messaging';
import { ProblemsProjection } from '../src/problems/problems.projection.js';
import { readModelHandlers } from '../src/read-models.js';
import { TicketFactsProjection } from '../src/reports/ticket-facts.projection.js';
import { StepTimesProjection } from '../src/step-times/step-times.projection.js';
import { TicketViewProjection } from '../src/tickets/ticket-view.projection.js';
import { ReportingHarness } from './support.js';

const agent = { accountId: randomUUID(), name: 'Andrés Agente', role: 'agent' };
const other = { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' };

/**
 * The read models' handlers leave their writes for the end of the batch (a few statements for all of its
 * events): a batch holding several events of one ticket, out of order among them, and events of other
 * tickets must leave every read model as applying the same events one at a time does.
 */
describe('reporting: a batch of events gives the read models that one event at a time gives', () => {
  let h: ReportingHarness;
  let handlers: Map<string, EventHandler<object>>;

  beforeAll(async () => {
    h = await ReportingHarness.start('reportingbatch');
    const app = h.service.app;
    handlers = new Map(
      readModelHandlers(
        app.get(TicketViewProjection),
        app.get(TicketFactsProjection),
        app.get(StepTimesProjection),
        app.get(ProblemsProjection),
      ).map((handler) => [handler.definition.type, handler]),
    );
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** Applies the events in one transaction and batch, as the consumer does. */
  async function applyBatch(events: ReadonlyArray<EventEnvelope<object>>): Promise<void> {
    await h.service.runtime.dataSource.transaction(async (tx) => {
      const batch = new BatchScope(events.map((e) => e.id));
      for (const event of events) await handlers.get(event.type)!.handle(event, tx, batch);
      await batch.finish();
    });
  }

  const TABLES = [
    'ticket_view',
    'ticket_timeline',
    'ticket_relations',
    'ticket_merges',
    'ticket_facts',
    'kpi_daily',
    'productivity_daily',
    'recurring_daily',
    'ticket_step_times',
    'field_events',
    'event_positions',
  ];

  /**
   * Daily rows every figure of which came back to zero are left by the upkeep where a ticket counted for a
   * while (one event at a time, it counts under each intermediate state): only the figures are compared.
   */
  const LEFT_AT_ZERO: Record<string, string> = {
    kpi_daily: `WHERE opened <> 0 OR responded <> 0 OR closed <> 0 OR overdue <> 0 OR merged <> 0
      OR satisfecho + regular + insatisfecho <> 0`,
    productivity_daily: 'WHERE n <> 0',
    recurring_daily: 'WHERE incidents <> 0',
  };

  async function readModels(): Promise<Record<string, unknown[]>> {
    const models: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      // The timeline's arrival counter only orders steps of the same time; it goes on across the two runs.
      const columns =
        table === 'ticket_timeline' ? 'event_id, ticket_id, at, type, by, area, summary_es, summary_en, details' : '*';
      const rows = (await h.db.query(`SELECT ${columns} FROM reporting.${table} ${LEFT_AT_ZERO[table] ?? ''}`)).rows;
      models[table] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return models;
  }

  async function emptyReadModels(): Promise<void> {
    await h.db.query(`TRUNCATE ${TABLES.map((t) => `reporting.${t}`).join(', ')}`);
  }

  /** A step of resolution's (or routing's) procedure, `minutes` after registration. */
  function stepOf(r: TicketRegisteredV1, minutes: number, area: string, status: TicketStatus, by = agent) {
    return {
      ticketId: r.ticketId,
      number: r.number,
      by,
      at: new Date(Date.parse(r.registeredAt) + minutes * 60_000).toISOString(),
      area,
      status,
    };
  }

  function field<T extends object>(
    r: TicketRegisteredV1,
    definition: EventDefinition<T>,
    occurredAt: string,
    sequence: number,
    data: T,
  ): EventEnvelope<T> {
    return {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt,
      ticketId: r.ticketId,
      source: 'inventory',
      sequence,
      correlationId: randomUUID(),
      causationId: null,
      data,
    };
  }

  function scenario(): Array<EventEnvelope<object>> {
    const a = h.registration({ registeredAt: '2025-03-10T12:00:00.000Z', type: 'incidente', jurisdiction: 'SALUD' });
    const b = h.registration({ registeredAt: '2025-03-11T13:00:00.000Z', type: 'incidente', category: 'red' });
    const c = h.registration({ registeredAt: '2025-03-12T14:00:00.000Z', type: 'solicitud', channel: 'portal' });
    const at = (r: TicketRegisteredV1, minutes: number) =>
      new Date(Date.parse(r.registeredAt) + minutes * 60_000).toISOString();
    const tA = { ticketId: a.ticketId, number: a.number };
    const tB = { ticketId: b.ticketId, number: b.number };
    const visitId = randomUUID();
    return [
      // A: its whole life in one batch, with C's and B's events in between.
      h.registered(a, 1, a.registeredAt),
      h.registered(c, 1, c.registeredAt),
      h.routed(h.routing(a, { area: 'L1', routedAt: at(a, 1) }), 1, at(a, 1)),
      h.envelope(
        ServiceLevelEvents.ServiceLevelChanged,
        'resolution',
        {
          ...tA,
          area: 'L1',
          priority: 'ALTA',
          responseDueAt: at(a, 60),
          resolutionDueAt: at(a, 480),
          respondedAt: null,
          resolvedAt: null,
          at: at(a, 1),
        },
        1,
        at(a, 1),
      ),
      h.procedure(ProcedureEvents.TicketTaken, { ...stepOf(a, 20, 'L1', 'en_curso'), assignee: agent }, 2),
      // B's reclassification arrives before its routing, and its routing before its registration.
      h.procedure(
        ProcedureEvents.TicketReclassified,
        {
          ...tB,
          by: other,
          at: at(b, 30),
          area: 'UIT',
          previous: { type: 'incidente', category: 'red', impact: 'medio', urgency: 'media', priority: 'MEDIA' },
          current: { type: 'solicitud', category: 'redes', impact: 'alto', urgency: 'alta', priority: 'ALTA' },
          reason: 'Es un pedido',
        },
        2,
      ),
      h.routed(h.routing(b, { area: 'L1', priority: 'MEDIA', routedAt: at(b, 1) }), 1, at(b, 1)),
      h.procedure(
        ProcedureEvents.TicketEscalated,
        {
          ...tA,
          by: agent,
          at: at(a, 40),
          derivationId: randomUUID(),
          from: 'L1',
          to: 'UIT',
          kind: 'escalate',
          reason: 'Necesita un técnico',
        },
        2,
      ),
      h.registered(b, 1, b.registeredAt),
      field(a, FieldServiceEvents.VisitPlanned, at(a, 50), 1, {
        visitId,
        ticketNumber: a.number,
        visitorKind: 'contractor' as const,
        plannedFor: at(a, 90),
        arrivedAt: null,
        departedAt: null,
      }),
      h.procedure(ProcedureEvents.TicketTaken, { ...stepOf(a, 60, 'UIT', 'en_curso', other), assignee: other }, 3),
      h.routed(h.routing(c, { area: 'L1', routedAt: at(c, 1) }), 1, at(c, 1)),
      h.procedure(
        ProcedureEvents.SolutionProposed,
        { ...stepOf(a, 120, 'UIT', 'resuelto', other), solution: 'Cambio de cable' },
        4,
      ),
      h.procedure(
        ProcedureEvents.TicketResolved,
        { ...stepOf(a, 121, 'UIT', 'resuelto', other), verifiedWithRequester: true, solution: 'Cambio de cable' },
        5,
      ),
      // B: a newer status first, the older one late (it stays a step of the path, and changes no state).
      h.procedure(ProcedureEvents.TicketTaken, { ...stepOf(b, 45, 'UIT', 'en_curso'), assignee: agent }, 3),
      h.procedure(
        ProcedureEvents.WaitingOnRequester,
        { ...stepOf(b, 50, 'UIT', 'en_curso'), waiting: true, reason: 'Falta el número de serie' },
        5,
      ),
      h.procedure(
        ProcedureEvents.WaitingOnRequester,
        { ...stepOf(b, 48, 'UIT', 'en_curso'), waiting: false, reason: 'Respondió' },
        4,
      ),
      h.procedure(
        ProcedureEvents.TicketClosed,
        {
          ...stepOf(a, 200, 'UIT', 'cerrado', other),
          resolutionBusinessMinutes: 150,
          resolutionCalendarMinutes: 199,
        },
        6,
      ),
      h.envelope(
        ProcedureEvents.SlaBreached,
        'resolution',
        { ...tB, area: 'UIT', target: 'resolution', dueAt: at(b, 240), detectedAt: at(b, 241) },
        6,
        at(b, 241),
      ),
      h.procedure(ProcedureEvents.SurveyAnswered, { ...tA, at: at(a, 300), satisfaction: 'regular', score: 3 }, 7),
      h.procedure(
        ProcedureEvents.TicketReopened,
        { ...stepOf(a, 400, 'UIT', 'en_curso'), reason: 'Volvió a fallar' },
        8,
      ),
      h.procedure(ProcedureEvents.SurveyAnswered, { ...tA, at: at(a, 280), satisfaction: 'satisfecho' }, 9),
      h.procedure(
        ProcedureEvents.TicketClosed,
        {
          ...stepOf(a, 500, 'UIT', 'cerrado', other),
          resolutionBusinessMinutes: 250,
          resolutionCalendarMinutes: 499,
        },
        10,
      ),
      h.envelope(Events.TicketRouted, 'routing', h.routing(c, { area: 'L2', routedAt: at(c, 2) }), 2, at(c, 2)),
    ];
  }

  it('in one batch, or in batches that split a ticket’s events', async () => {
    const events = scenario();
    for (const event of events) await applyBatch([event]);
    const oneByOne = await readModels();
    expect(oneByOne.ticket_view).toHaveLength(3);
    expect(oneByOne.ticket_step_times!.length).toBeGreaterThan(0);

    await emptyReadModels();
    await applyBatch(events);
    expect(await readModels()).toEqual(oneByOne);

    await emptyReadModels();
    for (let i = 0; i < events.length; i += 7) await applyBatch(events.slice(i, i + 7));
    expect(await readModels()).toEqual(oneByOne);
  });
});
