import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  ProcedureEvents,
  ReportingRpc,
  type EventEnvelope,
  type ActorV1,
  type KpiReportQueryV1,
  type RecurringReportQueryV1,
  type TicketRegisteredV1,
  type TicketStatus,
  type YearlyReportQueryV1,
} from '@cau/contracts';
import { kpiDailyRebuild } from '../src/reports/kpi-daily.sql.js';
import { ReportingHarness, staff } from './support.js';

const agent = { accountId: randomUUID(), name: 'Andrés Agente', role: 'agent' };
const supervisor = { accountId: randomUUID(), name: 'Sara Supervisora', role: 'supervisor' };

/**
 * Four tickets whose indicators for March 2025 are worked out by hand below (Buenos Aires, UTC−3: a
 * local time is the UTC time minus three hours; business hours are 08:00–16:00 local, Monday–Friday).
 *
 * T1 incidente, teléfono, L1: registered Mon 10 Mar 10:00, taken 10:30 (30 business / 30 calendar min),
 *    closed Tue 11 Mar (resolution 360 / 1440), never derived, survey "satisfecho".
 * T2 incidente, e-mail, L1 → UIT: registered Fri 14 Mar 15:00, taken Mon 17 Mar 09:00 (60 + 60 = 120
 *    business, 3960 calendar), response target breached, escalated, closed Tue 18 Mar (600 / 5000),
 *    survey "insatisfecho".
 * T3 solicitud, teléfono, L1: registered Tue 11 Mar 09:00, still open.
 * T4 solicitud, portal, L1: registered and taken in February (open when March starts), closed Wed 12 Mar
 *    (100 / 200), never derived.
 */
describe('reporting: KPI report on hand-computed tickets', () => {
  let h: ReportingHarness;
  const previousZone = process.env.CAU_TIME_ZONE;

  beforeAll(async () => {
    process.env.CAU_TIME_ZONE = 'America/Argentina/Buenos_Aires';
    h = await ReportingHarness.start('reportingkpis');
  });

  afterAll(async () => {
    await h?.stop();
    process.env.CAU_TIME_ZONE = previousZone;
  });

  const kpis = (query: Omit<KpiReportQueryV1, 'actor'>, actor = staff('supervisor')) =>
    h.rpc.request(ReportingRpc.Kpis, { actor, ...query });
  /** Sends a query no contract allows, to see it refused. */
  const uncheckedKpis = (query: object, actor = staff('supervisor')) =>
    h.rpc.send(ReportingRpc.Kpis.subject, { actor, ...query });
  const recurringReport = (query: Omit<RecurringReportQueryV1, 'actor'>, actor = staff('supervisor')) =>
    h.rpc.request(ReportingRpc.Recurring, { actor, ...query });
  const yearlyReport = (query: Omit<YearlyReportQueryV1, 'actor'>, actor = staff('supervisor')) =>
    h.rpc.request(ReportingRpc.Yearly, { actor, ...query });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: { payload?: unknown }) => error.payload,
    );

  function script(
    r: TicketRegisteredV1,
    plan: {
      area: string;
      taken?: string;
      escalatedAt?: string;
      responseBreachAt?: string;
      closed?: { at: string; business: number; calendar: number };
      survey?: { at: string; satisfaction: 'satisfecho' | 'regular' | 'insatisfecho' };
    },
  ): EventEnvelope[] {
    const t = { ticketId: r.ticketId, number: r.number };
    let seq = 1;
    const step = (at: string, area: string, status: TicketStatus) => ({ ...t, by: agent, at, area, status });
    const events: EventEnvelope[] = [
      h.registered(r, 1, r.registeredAt),
      h.routed(h.routing(r, { area: 'L1', routedAt: r.registeredAt }), 1, r.registeredAt),
    ];
    if (plan.taken) {
      events.push(
        h.procedure(ProcedureEvents.TicketTaken, { ...step(plan.taken, 'L1', 'en_curso'), assignee: agent }, seq++),
      );
    }
    if (plan.responseBreachAt) {
      const at = plan.responseBreachAt;
      const breach = { ...t, area: 'L1', target: 'response' as const, dueAt: at, detectedAt: at };
      events.push(h.envelope(ProcedureEvents.SlaBreached, 'resolution', breach, seq++, at));
    }
    if (plan.escalatedAt) {
      events.push(
        h.procedure(
          ProcedureEvents.TicketEscalated,
          {
            ...t,
            by: agent,
            at: plan.escalatedAt,
            derivationId: randomUUID(),
            from: 'L1',
            to: plan.area,
            kind: 'escalate',
            reason: 'Requiere UIT',
          },
          2,
        ),
      );
    }
    if (plan.closed) {
      events.push(
        h.procedure(
          ProcedureEvents.TicketResolved,
          { ...step(plan.closed.at, plan.area, 'resuelto'), verifiedWithRequester: true, solution: 'Listo' },
          seq++,
        ),
        h.procedure(
          ProcedureEvents.TicketClosed,
          {
            ...step(plan.closed.at, plan.area, 'cerrado'),
            by: supervisor,
            resolutionBusinessMinutes: plan.closed.business,
            resolutionCalendarMinutes: plan.closed.calendar,
          },
          seq++,
        ),
      );
    }
    if (plan.survey) {
      events.push(h.procedure(ProcedureEvents.SurveyAnswered, { ...t, ...plan.survey }, seq));
    }
    return events;
  }

  const tickets = () => {
    const t1 = h.registration({
      registeredAt: '2025-03-10T13:00:00.000Z',
      type: 'incidente',
      channel: 'telefono',
      category: 'correo',
      service: 'correo-institucional',
    });
    const t2 = h.registration({
      registeredAt: '2025-03-14T18:00:00.000Z',
      type: 'incidente',
      channel: 'email',
      category: 'correo',
      service: 'correo-institucional',
    });
    const t3 = h.registration({
      registeredAt: '2025-03-11T12:00:00.000Z',
      type: 'solicitud',
      channel: 'telefono',
      category: 'impresoras',
    });
    const t4 = h.registration({
      registeredAt: '2025-02-20T12:00:00.000Z',
      type: 'solicitud',
      channel: 'portal',
      category: 'correo',
    });
    return [
      script(t1, {
        area: 'L1',
        taken: '2025-03-10T13:30:00.000Z',
        closed: { at: '2025-03-11T13:00:00.000Z', business: 360, calendar: 1440 },
        survey: { at: '2025-03-11T20:00:00.000Z', satisfaction: 'satisfecho' },
      }),
      script(t2, {
        area: 'UIT',
        responseBreachAt: '2025-03-14T18:40:00.000Z',
        taken: '2025-03-17T12:00:00.000Z',
        escalatedAt: '2025-03-17T12:30:00.000Z',
        closed: { at: '2025-03-18T13:00:00.000Z', business: 600, calendar: 5000 },
        survey: { at: '2025-03-18T20:00:00.000Z', satisfaction: 'insatisfecho' },
      }),
      script(t3, { area: 'L1' }),
      script(t4, {
        area: 'L1',
        taken: '2025-02-20T12:10:00.000Z',
        closed: { at: '2025-03-12T13:00:00.000Z', business: 100, calendar: 200 },
      }),
    ];
  };

  const march = { from: '2025-03-01', to: '2025-04-01', granularity: 'month' } as const;

  const expectedMarch = {
    period: '2025-03-01',
    periodEnd: '2025-04-01',
    dimensionValue: null,
    opened: 3,
    closed: 3,
    openAtEnd: 1, // T4 open at the start, + 3 registered − 3 closed = T3
    overdue: 1,
    callsHandled: 2,
    // business 30 and 120: average 75, p50 75, p90 30 + 0.9 × 90 = 111;
    // calendar 30 and 3960: average 1995, p90 30 + 0.9 × 3930 = 3567.
    firstResponse: {
      count: 2,
      business: { average: 75, p50: 75, p90: 111 },
      calendar: { average: 1995, p50: 1995, p90: 3567 },
    },
    // business 100, 360, 600: average 353.3, p50 360, p90 360 + 0.8 × 240 = 552;
    // calendar 200, 1440, 5000: average 2213.3, p50 1440, p90 1440 + 0.8 × 3560 = 4288 exactly; the
    // report reads percentiles from histograms where 5000 stands as its bucket's lower bound, 4680 (6-hour
    // buckets from 2 days on): p90 = 1440 + 0.8 × (4680 − 1440) = 4032.
    resolution: {
      count: 3,
      business: { average: 353.3, p50: 360, p90: 552 },
      calendar: { average: 2213.3, p50: 1440, p90: 4032 },
    },
    incidentsClosed: 2,
    incidentsClosedAtL1: 1,
    incidentsClosedAtL1Share: 0.5,
    queriesClosed: 1,
    queriesAnsweredAtL1: 1,
    queriesAnsweredAtL1Share: 1,
    satisfaction: {
      answered: 2,
      satisfecho: 1,
      regular: 0,
      insatisfecho: 1,
      satisfechoShare: 0.5,
      regularShare: 0,
      insatisfechoShare: 0.5,
      responseRate: 0.6667, // 2 surveyed of 3 closed
    },
    sla: { response: { measured: 2, met: 1, compliance: 0.5 }, resolution: { measured: 3, met: 3, compliance: 1 } },
  };

  it('computes every indicator of the month as worked out by hand', async () => {
    await h.feed(...tickets().flat());
    const report = await kpis(march);
    expect(report).toEqual({
      ...march,
      dimension: null,
      scope: null,
      timeZone: 'America/Argentina/Buenos_Aires',
      rows: [expectedMarch],
    });
  });

  it('splits by dimension and by week', async () => {
    const byArea = await kpis({ ...march, dimension: 'area' });
    expect(byArea.rows.map((r) => [r.dimensionValue, r.opened, r.closed, r.openAtEnd])).toEqual([
      ['L1', 2, 2, 1],
      ['UIT', 1, 1, 0],
    ]);
    // By ticket type and by service offered (a ticket that named none counts under no value).
    const byType = await kpis({ ...march, dimension: 'type' });
    expect(byType.rows.map((r) => [r.dimensionValue, r.opened, r.closed, r.openAtEnd])).toEqual([
      ['incidente', 2, 2, 0],
      ['solicitud', 1, 1, 1], // T3 registered; T4 (February) closed
    ]);
    const byService = await kpis({ ...march, dimension: 'service' });
    expect(byService.rows.map((r) => [r.dimensionValue, r.opened, r.closed, r.openAtEnd])).toEqual([
      ['correo-institucional', 2, 2, 0],
      [null, 1, 1, 1],
    ]);
    const weekly = await kpis({ from: '2025-03-10', to: '2025-03-24', granularity: 'week' });
    expect(weekly.rows.map((r) => [r.period, r.opened, r.closed, r.openAtEnd])).toEqual([
      ['2025-03-10', 3, 2, 2], // T4 open at the start; +T1 T2 T3; −T1 T4
      ['2025-03-17', 0, 1, 1],
    ]);
  });

  it('gives the whole period as one row with total, equal to the month by month', async () => {
    // March as one period (however long): the same figures as the month; over Feb 15–Apr 1 also T4's February.
    expect((await kpis({ ...march, granularity: 'total' })).rows).toEqual([expectedMarch]);
    const longer = await kpis({ from: '2025-02-15', to: '2025-04-01', granularity: 'total', dimension: 'area' });
    expect(longer.rows.map((r) => [r.period, r.periodEnd, r.dimensionValue, r.opened, r.closed, r.openAtEnd])).toEqual([
      ['2025-02-15', '2025-04-01', 'L1', 3, 2, 1],
      ['2025-02-15', '2025-04-01', 'UIT', 1, 1, 0],
    ]);
  });

  it('gives the same indicators when the events arrive twice and in reverse order', async () => {
    const other = await ReportingHarness.start('reportingkpisreplay');
    try {
      const events = tickets()
        .flat()
        .map((e) => ({ ...e, data: { ...(e.data as object) } }));
      for (const event of [...events].reverse()) await other.publish(event);
      // Redelivered under a new message id, as after a relay's retry past the stream's duplicate window.
      for (const event of events) await other.publish(event, randomUUID());
      await other.applied(...events);
      const again = await other.rpc.request(ReportingRpc.Kpis, {
        actor: staff('admin'),
        ...march,
      });
      expect(again.rows).toEqual([expectedMarch]);
    } finally {
      await other.stop();
    }
  });

  it('keeps kpi_daily as a rebuild from the facts would fill it', async () => {
    // Rows every figure of which came back to zero are left by the upkeep; a rebuild has none.
    const daily = async () =>
      (
        await h.db.query(
          `SELECT * FROM reporting.kpi_daily WHERE opened <> 0 OR responded <> 0 OR closed <> 0 OR overdue <> 0
             OR satisfecho + regular + insatisfecho <> 0
           ORDER BY dimension, day, value NULLS LAST`,
        )
      ).rows.map((r: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v]),
        ),
      );
    const kept = await daily();
    expect(kept.length).toBeGreaterThan(0);
    await h.db.query('BEGIN');
    for (const sql of kpiDailyRebuild('reporting')) {
      await h.db.query(sql, sql.includes('$1') ? ['America/Argentina/Buenos_Aires'] : []);
    }
    await h.db.query('COMMIT');
    expect(await daily()).toEqual(kept);
  });

  it('leaves the rows of the dimensions a change does not move as they are (written only where a figure changes)', async () => {
    const r = h.registration({
      registeredAt: '2026-05-06T13:00:00.000Z',
      jurisdiction: 'Salud',
      type: 'incidente',
      category: 'impresoras',
    });
    await h.feed(
      h.registered(r, 1, r.registeredAt),
      h.routed(h.routing(r, { area: 'L1', routedAt: r.registeredAt }), 1),
    );
    const rows = async () =>
      new Map(
        (
          await h.db.query<{ dimension: string; value: string; xmin: string; opened: number }>(
            `SELECT dimension, value, xmin::text, opened FROM reporting.kpi_daily WHERE day = '2026-05-06'`,
          )
        ).rows.map((row) => [`${row.dimension}:${row.value}`, row]),
      );
    const before = await rows();
    expect(before.get('area:L1')?.opened).toBe(1);
    expect(before.get('jurisdiction:Salud')?.opened).toBe(1);
    // Derived to UIT: the fact's area moves; its jurisdiction, category, type and channel do not.
    await h.feed(
      h.procedure(
        ProcedureEvents.TicketEscalated,
        {
          ticketId: r.ticketId,
          number: r.number,
          by: agent,
          at: '2026-05-06T14:00:00.000Z',
          derivationId: randomUUID(),
          from: 'L1',
          to: 'UIT',
          kind: 'escalate',
          reason: 'Requiere UIT',
        },
        2,
      ),
    );
    const after = await rows();
    expect(after.get('area:L1')?.opened).toBe(0);
    expect(after.get('area:UIT')?.opened).toBe(1);
    for (const unmoved of ['jurisdiction:Salud', 'category:impresoras', 'type:incidente']) {
      expect(before.get(unmoved)?.opened).toBe(1);
      expect(after.get(unmoved)).toEqual(before.get(unmoved));
    }
  });

  it('ranks recurring incidents and gives the yearly figures', async () => {
    const recurring = await recurringReport({
      from: march.from,
      to: march.to,
      by: 'category',
    });
    // T1 and T2 (incidents, "correo") repeat; T3 and T4 are queries.
    expect(recurring.items).toEqual([
      expect.objectContaining({ rank: 1, key: 'correo', incidents: 2, firstAt: '2025-03-10T13:00:00.000Z' }),
    ]);
    const yearly = await yearlyReport({ fromYear: 2024, toYear: 2025 });
    expect(yearly.years).toEqual([
      { year: 2024, tickets: 0, services: 0, jurisdictionsServed: 0 },
      { year: 2025, tickets: 4, services: 3, jurisdictionsServed: 1 },
    ]);
    // Read from kpi_daily, they must equal the figures counted straight from the facts.
    const direct = await h.db.query<{ tickets: number; services: number; jurisdictions: number }>(
      `SELECT (SELECT count(*) FROM reporting.ticket_facts
               WHERE extract(year FROM registered_at AT TIME ZONE $1) = 2025)::int AS tickets,
              (SELECT count(*) FROM reporting.ticket_facts
               WHERE extract(year FROM closed_at AT TIME ZONE $1) = 2025)::int AS services,
              (SELECT count(DISTINCT jurisdiction) FROM reporting.ticket_facts
               WHERE extract(year FROM registered_at AT TIME ZONE $1) = 2025)::int AS jurisdictions`,
      [yearly.timeZone],
    );
    expect(yearly.years[1]).toEqual({
      year: 2025,
      tickets: direct.rows[0]!.tickets,
      services: direct.rows[0]!.services,
      jurisdictionsServed: direct.rows[0]!.jurisdictions,
    });
  });

  it("gives an agent their area's figures and a referente their jurisdiction's, and no one else's", async () => {
    const uitAgent = { ...staff('agent'), area: 'UIT' };
    const l1Agent = { ...staff('agent'), area: 'L1' };
    const byArea = await kpis({ ...march, dimension: 'area' });
    for (const agent of [uitAgent, l1Agent]) {
      const own = await kpis(march, agent);
      expect(own.scope).toEqual({ dimension: 'area', value: agent.area });
      // The area's row of the desk's report, as the overall row of the agent's.
      expect(own.rows).toEqual([{ ...byArea.rows.find((r) => r.dimensionValue === agent.area), dimensionValue: null }]);
      expect((await kpis({ ...march, dimension: 'area' }, agent)).rows.map((r) => r.dimensionValue)).toEqual([
        agent.area,
      ]);
    }
    // Within an area the daily pre-aggregate cannot split by another dimension.
    expect(await refusal(kpis({ ...march, dimension: 'category' }, uitAgent))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
    // Every ticket is SALUD's: its referente sees the desk's figures; another jurisdiction's, none.
    const salud = await kpis(march, { ...staff('referente'), jurisdiction: 'SALUD' });
    expect(salud.scope).toEqual({ dimension: 'jurisdiction', value: 'SALUD' });
    expect(salud.rows).toEqual([expectedMarch]);
    const other = await kpis(march, { ...staff('referente'), jurisdiction: 'EDUCACION' });
    expect(other.rows.map((r) => [r.opened, r.closed, r.openAtEnd, r.firstResponse.count])).toEqual([[0, 0, 0, 0]]);

    // Recurring incidents: T1 (L1) and T2 (UIT) repeat SALUD for the desk, not within either area.
    const recurring = (actor: ActorV1) =>
      recurringReport({ from: march.from, to: march.to, by: 'jurisdiction' }, actor);
    expect((await recurring(staff('supervisor'))).items.map((i) => [i.key, i.incidents])).toEqual([['SALUD', 2]]);
    expect((await recurring(uitAgent)).items).toEqual([]);
    expect((await recurring({ ...staff('referente'), jurisdiction: 'SALUD' })).items).toHaveLength(1);

    // Yearly: L1 registered T1, T3, T4 and closed T1, T4; UIT registered and closed T2.
    const yearly = (actor: ActorV1) => yearlyReport({ fromYear: 2025, toYear: 2025 }, actor);
    expect((await yearly(l1Agent)).years).toEqual([{ year: 2025, tickets: 3, services: 2, jurisdictionsServed: 1 }]);
    expect(await yearly(uitAgent)).toMatchObject({
      scope: { dimension: 'area', value: 'UIT' },
      years: [{ year: 2025, tickets: 1, services: 1, jurisdictionsServed: 1 }],
    });
    expect((await yearly({ ...staff('referente'), jurisdiction: 'EDUCACION' })).years).toEqual([
      { year: 2025, tickets: 0, services: 0, jurisdictionsServed: 0 },
    ]);

    // Without an area or a jurisdiction there is nothing of theirs to report.
    expect(await refusal(kpis(march, staff('agent')))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(await refusal(kpis(march, staff('referente')))).toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('refuses bad input with VALIDATION and other roles with FORBIDDEN', async () => {
    expect(await refusal(kpis({ from: '2025-04-01', to: '2025-03-01', granularity: 'month' }))).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'to', constraint: 'min' }],
    });
    expect(await refusal(kpis({ from: '2020-01-01', to: '2026-01-01', granularity: 'month' }))).toMatchObject({
      code: ErrorCode.Validation,
    });
    expect(await refusal(kpis({ from: '2024-01-01', to: '2025-06-01', granularity: 'day' }))).toMatchObject({
      code: ErrorCode.Validation,
    });
    expect(await refusal(uncheckedKpis({ ...march, dimension: 'color' }))).toMatchObject({
      code: ErrorCode.Validation,
    });
    expect(await refusal(uncheckedKpis({ ...march, granularity: 'hour' }))).toMatchObject({
      code: ErrorCode.Validation,
    });
    expect(
      await refusal(recurringReport({ from: march.from, to: march.to, by: 'category', limit: 10_000 })),
    ).toMatchObject({
      code: ErrorCode.Validation,
    });
    // 365 days × 2 categories = 730 rows: more than one answer may carry.
    expect(
      await refusal(kpis({ from: '2025-01-01', to: '2026-01-01', granularity: 'day', dimension: 'category' })),
    ).toMatchObject({ code: ErrorCode.Validation, fields: [{ field: 'rows', constraint: 'arrayMaxSize' }] });
    expect(await refusal(kpis(march, staff('requester')))).toMatchObject({ code: ErrorCode.Forbidden });
  });
});
