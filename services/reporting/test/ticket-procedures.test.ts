import { randomUUID } from 'node:crypto';
import {
  ProcedureEvents,
  ReportingRpc,
  type EventEnvelope,
  type TicketRegisteredV1,
  type TicketStatus,
  type TicketViewV1,
} from '@cau/contracts';
import { ReportingHarness, staff } from './support.js';

const operator = { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' };
const agent = { accountId: randomUUID(), name: 'Andrés Agente', role: 'agent' };
const supervisor = { accountId: randomUUID(), name: 'Sara Supervisora', role: 'supervisor' };
// Shared by every ticket built from the script, so the paths of two tickets can be compared whole.
const escalationId = randomUUID();
const returnId = randomUUID();

/** Minutes after the registration, which the harness dates 2025-03-10 12:00 UTC. */
const minute = (n: number) => new Date(Date.parse('2025-03-10T12:00:00.000Z') + n * 60_000).toISOString();

describe('reporting: the procedures in the ticket view and its path', () => {
  let h: ReportingHarness;

  beforeAll(async () => {
    h = await ReportingHarness.start('reportingprocedures');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const get = (number: number) => h.rpc.request(ReportingRpc.TicketByNumber, { actor: staff(), number });
  const list = (status: TicketStatus) =>
    h.rpc.request(ReportingRpc.TicketList, { actor: staff(), filters: { status, limit: 100 } });
  const stateOf = async (ticketId: string) =>
    (
      await h.db.query(
        `SELECT first_response_at, resolved_at, closed_at, reopened_count, satisfaction, satisfaction_score
         FROM reporting.ticket_view WHERE ticket_id = $1`,
        [ticketId],
      )
    ).rows[0];
  const timelineRows = async (ticketId: string) =>
    (
      await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reporting.ticket_timeline WHERE ticket_id = $1', [
        ticketId,
      ])
    ).rows[0]!.n;
  const steps = (ticket: Pick<TicketRegisteredV1, 'ticketId' | 'number'>) => ({
    ticketId: ticket.ticketId,
    number: ticket.number,
  });

  /**
   * Procedure 9.2 (docs/domain.md § Procedure 9.2): L1 escalates to UIT, UIT estimates, works, registers the solution and
   * returns it to L1; L1 submits it, the supervisor rejects it once, then approves it; the requester
   * answers the survey. Routing numbers its events (routed, derivations), resolution its own.
   */
  const procedure92 = (registration: TicketRegisteredV1): EventEnvelope[] => {
    const t = steps(registration);
    const step = (by: typeof agent, at: number, area: string, status: TicketStatus) => ({
      ...t,
      by,
      at: minute(at),
      area,
      status,
    });
    return [
      h.registered(registration, 1, minute(0.1)),
      h.routed(h.routing(registration, { area: 'L1', routedAt: minute(1) }), 1, minute(1.1)),
      h.procedure(
        ProcedureEvents.TicketEscalated,
        {
          ...t,
          by: operator,
          at: minute(10),
          derivationId: escalationId,
          from: 'L1',
          to: 'UIT',
          kind: 'escalate',
          reason: 'El servidor de correo no responde',
        },
        2,
      ),
      h.procedure(ProcedureEvents.TicketTaken, { ...step(agent, 15, 'UIT', 'en_curso'), assignee: agent }, 1),
      h.procedure(ProcedureEvents.TicketEstimated, { ...step(agent, 20, 'UIT', 'en_curso'), minutes: 90 }, 2),
      h.procedure(
        ProcedureEvents.WorkLogged,
        { ...step(agent, 50, 'UIT', 'en_curso'), minutes: 30, description: 'Reinicio del servicio SMTP' },
        3,
      ),
      h.procedure(
        ProcedureEvents.SolutionProposed,
        { ...step(agent, 55, 'UIT', 'en_curso'), solution: 'Se reinició el servicio SMTP' },
        4,
      ),
      h.procedure(
        ProcedureEvents.SolutionReturned,
        {
          ...t,
          by: agent,
          at: minute(60),
          derivationId: returnId,
          from: 'UIT',
          to: 'L1',
          kind: 'return',
          reason: 'Servicio restablecido',
        },
        3,
      ),
      h.procedure(
        ProcedureEvents.TicketResolved,
        { ...step(operator, 70, 'L1', 'resuelto'), verifiedWithRequester: false, solution: 'Reinicio del SMTP' },
        5,
      ),
      h.procedure(
        ProcedureEvents.ReviewRejected,
        { ...step(supervisor, 80, 'L1', 'en_curso'), observations: 'Falta verificar con la usuaria' },
        6,
      ),
      h.procedure(
        ProcedureEvents.TicketResolved,
        { ...step(operator, 90, 'L1', 'resuelto'), verifiedWithRequester: true, solution: 'Reinicio del SMTP' },
        7,
      ),
      h.procedure(
        ProcedureEvents.TicketClosed,
        { ...step(supervisor, 100, 'L1', 'cerrado'), resolutionBusinessMinutes: 90, resolutionCalendarMinutes: 90 },
        8,
      ),
      h.procedure(ProcedureEvents.SurveyAnswered, { ...t, satisfaction: 'satisfecho', score: 5, at: minute(200) }, 9),
    ];
  };

  /** The path 9.2 leaves: every step, in the order it happened. */
  const path92 = [
    { type: 'ticket.registered', at: minute(0), area: null, es: 'Registrado por Operadora (canal: Teléfono)' },
    { type: 'ticket.routed', at: minute(1), area: 'L1', es: 'Asignado a L1, prioridad alta' },
    {
      type: 'ticket.escalated',
      at: minute(10),
      area: 'UIT',
      es: 'Derivado de L1 a UIT: El servidor de correo no responde',
    },
    { type: 'ticket.taken', at: minute(15), area: 'UIT', es: 'Tomado por Andrés Agente' },
    { type: 'ticket.estimated', at: minute(20), area: 'UIT', es: 'Estimación: 90 min' },
    {
      type: 'ticket.work-logged',
      at: minute(50),
      area: 'UIT',
      es: 'Trabajo registrado: 30 min — Reinicio del servicio SMTP',
    },
    { type: 'ticket.solution-proposed', at: minute(55), area: 'UIT', es: 'Solución registrada' },
    {
      type: 'ticket.solution-returned',
      at: minute(60),
      area: 'L1',
      es: 'Solución devuelta de UIT a L1: Servicio restablecido',
    },
    { type: 'ticket.resolved', at: minute(70), area: 'L1', es: 'Enviado a revisión del supervisor' },
    {
      type: 'ticket.review-rejected',
      at: minute(80),
      area: 'L1',
      es: 'Revisión rechazada: Falta verificar con la usuaria',
    },
    { type: 'ticket.resolved', at: minute(90), area: 'L1', es: 'Enviado a revisión del supervisor' },
    { type: 'ticket.closed', at: minute(100), area: 'L1', es: 'Cerrado' },
    { type: 'survey.answered', at: minute(200), area: null, es: 'Encuesta: satisfecho (5)' },
  ];

  /** Everything but the ticket's identity, to compare two tickets that went through the same steps. */
  const strip = ({ ticketId: _id, number: _n, ...rest }: TicketViewV1) => rest;

  describe('procedure 9.2 delivered in order', () => {
    let registration: TicketRegisteredV1;
    let view: TicketViewV1;

    beforeAll(async () => {
      registration = h.registration();
      const events = procedure92(registration);
      await h.feed(...events.slice(0, 4));
      // Checked halfway: the agent has taken it in UIT.
      expect(await get(registration.number)).toMatchObject({
        status: 'en_curso',
        area: 'UIT',
        assignee: { accountId: agent.accountId, name: agent.name },
      });
      await h.feed(...events.slice(4));
      view = await get(registration.number);
    });

    it('ends closed in L1, unassigned since the solution came back, not overdue', () => {
      expect(view).toMatchObject({
        status: 'cerrado',
        area: 'L1',
        priority: 'ALTA',
        assignee: null,
        overdue: false,
        waitingOnRequester: false,
        updatedAt: minute(200 + 1 / 60),
      });
    });

    it('shows every step of the path in the order it happened, with who took it', () => {
      expect(view.timeline.map(({ type, at, area, summary }) => ({ type, at, area, es: summary.es }))).toEqual(path92);
      expect(view.timeline.map((entry) => entry.by?.name ?? null)).toEqual([
        'Operadora',
        null,
        'Olga Operadora',
        'Andrés Agente',
        'Andrés Agente',
        'Andrés Agente',
        'Andrés Agente',
        'Andrés Agente',
        'Olga Operadora',
        'Sara Supervisora',
        'Olga Operadora',
        'Sara Supervisora',
        null,
      ]);
      expect(view.timeline[2]).toMatchObject({
        summary: { en: 'Derived from L1 to UIT: El servidor de correo no responde' },
        details: { derivationId: escalationId, from: 'L1', to: 'UIT', kind: 'escalate' },
      });
      expect(view.timeline[9]!.details).toEqual({ status: 'en_curso', observations: 'Falta verificar con la usuaria' });
    });

    it('keeps the times reports need: first response, resolution, closure, satisfaction', async () => {
      expect(await stateOf(registration.ticketId)).toEqual({
        first_response_at: new Date(minute(15)),
        resolved_at: new Date(minute(90)),
        closed_at: new Date(minute(100)),
        reopened_count: 0,
        satisfaction: 'satisfecho',
        satisfaction_score: 5,
      });
    });

    it('is listed under cerrado, with its assignee name', async () => {
      const closed = await list('cerrado');
      expect(closed.items.find((t) => t.number === registration.number)).toMatchObject({
        status: 'cerrado',
        area: 'L1',
        assigneeName: null,
      });
      expect((await list('abierto')).items.map((t) => t.number)).not.toContain(registration.number);
    });

    /** Fisher–Yates with a fixed seed: a different order from the script's, the same on every run. */
    const shuffled = <T>(items: T[]): T[] => {
      const result = [...items];
      let seed = 20250310;
      for (let i = result.length - 1; i > 0; i--) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        const j = seed % (i + 1);
        [result[i], result[j]] = [result[j]!, result[i]!];
      }
      return result;
    };

    it.each([
      ['reversed', (events: EventEnvelope[]) => [...events].reverse()],
      ['shuffled', shuffled],
    ])('reaches the same view and path when delivered %s and with duplicates', async (_how, reorder) => {
      const other = h.registration();
      const script = procedure92(other);
      const events = reorder(script);
      expect(events.map((e) => e.type)).not.toEqual(script.map((e) => e.type));
      for (const [i, event] of events.entries()) {
        await h.publish(event);
        // A redelivery past JetStream's de-duplication window: a new message id, the same event.
        if (i % 3 === 2) await h.publish(events[i - 2]!, `${events[i - 2]!.id}-again`);
      }
      await h.applied(...events);
      // Published after everything else: once applied, so were the duplicates before it.
      await h.feed(h.registered(h.registration()));

      const again = await get(other.number);
      expect(strip(again)).toEqual(strip(view));
      expect(await timelineRows(other.ticketId)).toBe(path92.length);
      expect(await stateOf(other.ticketId)).toEqual(await stateOf(registration.ticketId));
    });
  });

  describe('service levels', () => {
    it('marks the ticket con atraso with one step, and keeps it after closure and reopening', async () => {
      const registration = h.registration();
      const t = steps(registration);
      const step = (at: number, status: TicketStatus) => ({ ...t, by: agent, at: minute(at), area: 'L1', status });
      await h.feed(
        h.registered(registration),
        h.routed(h.routing(registration, { area: 'L1', routedAt: minute(1) })),
        h.procedure(ProcedureEvents.TicketTaken, { ...step(5, 'en_curso'), assignee: agent }, 1),
      );
      const rowsBefore = await timelineRows(registration.ticketId);

      const breach = h.envelope(
        ProcedureEvents.SlaBreached,
        'resolution',
        { ...t, area: 'L1', target: 'response', dueAt: minute(30), detectedAt: minute(31) },
        2,
        minute(31),
      );
      await h.feed(breach);
      await h.publish(breach, `${breach.id}-again`);
      await h.feed(h.registered(h.registration()));

      const overdue = await get(registration.number);
      expect(overdue).toMatchObject({ status: 'en_curso', overdue: true });
      expect(await timelineRows(registration.ticketId)).toBe(rowsBefore + 1);
      expect(overdue.timeline.at(-1)).toEqual({
        at: minute(31),
        type: 'ticket.sla-breached',
        by: null,
        area: 'L1',
        summary: { es: 'Con atraso: objetivo de respuesta vencido', en: 'Overdue: response target missed' },
        details: { target: 'response', dueAt: minute(30) },
      });

      await h.feed(
        h.procedure(
          ProcedureEvents.TicketResolved,
          { ...step(40, 'resuelto'), by: operator, verifiedWithRequester: true, solution: 'Listo' },
          3,
        ),
        h.procedure(
          ProcedureEvents.TicketClosed,
          { ...step(50, 'cerrado'), by: supervisor, resolutionBusinessMinutes: 49, resolutionCalendarMinutes: 49 },
          4,
        ),
      );
      expect(await get(registration.number)).toMatchObject({ status: 'cerrado', overdue: true });
      expect((await list('cerrado')).items.find((i) => i.number === registration.number)).toMatchObject({
        overdue: true,
        assigneeName: agent.name,
      });

      await h.feed(
        h.procedure(ProcedureEvents.TicketReopened, { ...step(60, 'en_curso'), reason: 'Volvió a fallar' }, 5),
      );
      const reopened = await get(registration.number);
      expect(reopened).toMatchObject({ status: 'en_curso', overdue: true });
      expect(reopened.timeline.at(-1)!.summary.es).toBe('Reabierto: Volvió a fallar');
      expect(await stateOf(registration.ticketId)).toMatchObject({
        reopened_count: 1,
        closed_at: new Date(minute(50)),
      });
      expect((await list('cerrado')).items.map((i) => i.number)).not.toContain(registration.number);
      expect((await list('en_curso')).items.map((i) => i.number)).toContain(registration.number);
    });
  });

  describe('order', () => {
    it('keeps the assignee when the derivation that preceded the taking arrives after it', async () => {
      const registration = h.registration();
      const t = steps(registration);
      await h.feed(
        h.registered(registration),
        h.routed(h.routing(registration, { area: 'L1', routedAt: minute(1) })),
        h.procedure(
          ProcedureEvents.TicketTaken,
          { ...t, by: agent, at: minute(15), area: 'UIT', status: 'en_curso', assignee: agent },
          1,
        ),
        h.procedure(
          ProcedureEvents.TicketEscalated,
          {
            ...t,
            by: operator,
            at: minute(10),
            derivationId: randomUUID(),
            from: 'L1',
            to: 'UIT',
            kind: 'escalate',
            reason: 'Red',
          },
          2,
        ),
      );
      expect(await get(registration.number)).toMatchObject({
        area: 'UIT',
        status: 'en_curso',
        assignee: { accountId: agent.accountId, name: agent.name },
      });
    });

    it('follows the waiting flag by its own events, whatever newer events arrived before them', async () => {
      const registration = h.registration();
      const t = steps(registration);
      const step = (at: number) => ({ ...t, by: agent, at: minute(at), area: 'L1', status: 'en_curso' as const });
      await h.feed(
        h.registered(registration),
        h.procedure(ProcedureEvents.TicketTaken, { ...step(5), assignee: agent }, 1),
        // The estimate came after the ticket was put on hold, but arrives first.
        h.procedure(ProcedureEvents.TicketEstimated, { ...step(20), minutes: 60 }, 3),
        h.procedure(ProcedureEvents.WaitingOnRequester, { ...step(10), waiting: true, reason: 'Falta la captura' }, 2),
      );
      expect(await get(registration.number)).toMatchObject({ status: 'en_curso', waitingOnRequester: true });

      await h.feed(
        h.procedure(ProcedureEvents.WaitingOnRequester, { ...step(40), waiting: false }, 5),
        h.procedure(ProcedureEvents.WaitingOnRequester, { ...step(30), waiting: true }, 4),
      );
      const view = await get(registration.number);
      expect(view.waitingOnRequester).toBe(false);
      expect(view.timeline.map((e) => e.summary.es)).toEqual([
        'Registrado por Operadora (canal: Teléfono)',
        'Tomado por Andrés Agente',
        'En espera del solicitante: Falta la captura',
        'Estimación: 60 min',
        'En espera del solicitante',
        'Ya no espera al solicitante',
      ]);
    });
  });
});
