import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  ProcedureEvents,
  ReportingRpc,
  type ActorV1,
  type EventEnvelope,
  type ProductivityReportQueryV1,
  type TicketStatus,
} from '@cau/contracts';
import { productivityDailyRebuild } from '../src/reports/productivity-daily.sql.js';
import { recurringDailyRebuild } from '../src/reports/recurring-daily.sql.js';
import { ReportingHarness, staff } from './support.js';

const olga = { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' };
const ulises = { accountId: randomUUID(), name: 'Ulises Infraestructura', role: 'agent' };
const adela = { accountId: randomUUID(), name: 'Adela Diseño', role: 'agent' };
const supervisor = { accountId: randomUUID(), name: 'Sara Supervisora', role: 'supervisor' };
type Person = typeof olga;

/**
 * Five tickets whose March 2025 productivity is worked out by hand (Buenos Aires, UTC−3):
 *
 * T1 incidente (SALUD): registered 10 Mar; Olga takes it at L1, logs 20 min, registers the solution at L1;
 *    closed 11 Mar (resolution 360 business / 1440 calendar). Solved by Olga, resolved by L1.
 * T2 incidente (SALUD): registered 14 Mar; Olga takes it, escalates it to UIT; Ulises takes it at UIT, logs
 *    45 + 15 min, registers the solution, returns it to L1; Olga submits it; closed 18 Mar (600 / 5000).
 *    Solved by Ulises, resolved by UIT although it closes at L1.
 * T3 solicitud (SALUD): registered 11 Mar, taken by Olga, still open.
 * T4 solicitud (SALUD): registered and taken by Olga in February, escalated to ADT; Olga's own solution of
 *    3 Mar is rejected, Adela (ADT) logs 30 min in February and 10 in March and registers the solution that
 *    is approved; closed 12 Mar (100 / 200). Solved by Adela, resolved by ADT.
 * T5 incidente (EDUCACION): registered 20 Mar, taken by Adela at ADT; closed in April (outside March).
 */
describe('reporting: productivity per technician, per resolving area and per ticket type', () => {
  let h: ReportingHarness;
  const previousZone = process.env.CAU_TIME_ZONE;

  beforeAll(async () => {
    process.env.CAU_TIME_ZONE = 'America/Argentina/Buenos_Aires';
    h = await ReportingHarness.start('reportingproductivity');
    await h.feed(...tickets());
  });

  afterAll(async () => {
    await h?.stop();
    process.env.CAU_TIME_ZONE = previousZone;
  });

  const march = { from: '2025-03-01', to: '2025-04-01' };
  const productivity = (
    actor: ActorV1 = staff('supervisor'),
    period: Omit<ProductivityReportQueryV1, 'actor'> = march,
  ) => h.rpc.request(ReportingRpc.Productivity, { actor, ...period });

  function tickets(): EventEnvelope[] {
    const events: EventEnvelope[] = [];
    const life = (registration: ReturnType<ReportingHarness['registration']>) => {
      const t = { ticketId: registration.ticketId, number: registration.number };
      let seq = 1;
      events.push(
        h.registered(registration, 1, registration.registeredAt),
        h.routed(
          h.routing(registration, { area: 'L1', routedAt: registration.registeredAt }),
          1,
          registration.registeredAt,
        ),
      );
      const step = (by: Person, at: string, area: string, status: TicketStatus) => ({ ...t, by, at, area, status });
      return {
        taken: (by: Person, at: string, area: string) =>
          events.push(
            h.procedure(ProcedureEvents.TicketTaken, { ...step(by, at, area, 'en_curso'), assignee: by }, seq++),
          ),
        logged: (by: Person, at: string, area: string, minutes: number) =>
          events.push(
            h.procedure(
              ProcedureEvents.WorkLogged,
              { ...step(by, at, area, 'en_curso'), description: 'Trabajo', minutes },
              seq++,
            ),
          ),
        solution: (by: Person, at: string, area: string) =>
          events.push(
            h.procedure(
              ProcedureEvents.SolutionProposed,
              { ...step(by, at, area, 'en_curso'), solution: 'Hecho' },
              seq++,
            ),
          ),
        derived: (kind: 'escalate' | 'return', by: Person, at: string, from: string, to: string) =>
          events.push(
            h.procedure(
              kind === 'escalate' ? ProcedureEvents.TicketEscalated : ProcedureEvents.SolutionReturned,
              { ...t, by, at, derivationId: randomUUID(), from, to, kind, reason: 'Derivado' },
              seq++,
            ),
          ),
        rejected: (at: string) =>
          events.push(
            h.procedure(
              ProcedureEvents.ReviewRejected,
              { ...step(supervisor, at, 'L1', 'en_curso'), observations: 'No alcanza' },
              seq++,
            ),
          ),
        closed: (by: Person, at: string, business: number, calendar: number) =>
          events.push(
            h.procedure(
              ProcedureEvents.TicketResolved,
              { ...step(by, at, 'L1', 'resuelto'), verifiedWithRequester: true, solution: 'Hecho' },
              seq++,
            ),
            h.procedure(
              ProcedureEvents.TicketClosed,
              {
                ...step(supervisor, at, 'L1', 'cerrado'),
                resolutionBusinessMinutes: business,
                resolutionCalendarMinutes: calendar,
              },
              seq++,
            ),
          ),
      };
    };
    const t1 = life(h.registration({ registeredAt: '2025-03-10T13:00:00.000Z', type: 'incidente' }));
    t1.taken(olga, '2025-03-10T13:30:00.000Z', 'L1');
    t1.logged(olga, '2025-03-10T14:00:00.000Z', 'L1', 20);
    t1.solution(olga, '2025-03-11T12:00:00.000Z', 'L1');
    t1.closed(olga, '2025-03-11T13:00:00.000Z', 360, 1440);

    const t2 = life(h.registration({ registeredAt: '2025-03-14T18:00:00.000Z', type: 'incidente' }));
    t2.taken(olga, '2025-03-14T18:10:00.000Z', 'L1');
    t2.derived('escalate', olga, '2025-03-14T18:20:00.000Z', 'L1', 'UIT');
    t2.taken(ulises, '2025-03-17T12:00:00.000Z', 'UIT');
    t2.logged(ulises, '2025-03-17T13:00:00.000Z', 'UIT', 45);
    t2.logged(ulises, '2025-03-17T15:00:00.000Z', 'UIT', 15);
    t2.solution(ulises, '2025-03-17T16:00:00.000Z', 'UIT');
    t2.derived('return', ulises, '2025-03-17T16:10:00.000Z', 'UIT', 'L1');
    t2.closed(olga, '2025-03-18T13:00:00.000Z', 600, 5000);

    const t3 = life(h.registration({ registeredAt: '2025-03-11T12:00:00.000Z', type: 'solicitud' }));
    t3.taken(olga, '2025-03-11T12:30:00.000Z', 'L1');

    const t4 = life(h.registration({ registeredAt: '2025-02-20T12:00:00.000Z', type: 'solicitud' }));
    t4.taken(olga, '2025-02-20T12:10:00.000Z', 'L1');
    t4.derived('escalate', olga, '2025-02-20T12:20:00.000Z', 'L1', 'ADT');
    t4.logged(adela, '2025-02-25T12:00:00.000Z', 'ADT', 30);
    t4.solution(olga, '2025-03-03T12:00:00.000Z', 'L1');
    t4.rejected('2025-03-04T12:00:00.000Z');
    t4.logged(adela, '2025-03-05T12:00:00.000Z', 'ADT', 10);
    t4.solution(adela, '2025-03-05T13:00:00.000Z', 'ADT');
    t4.closed(olga, '2025-03-12T13:00:00.000Z', 100, 200);

    const t5 = life(
      h.registration({ registeredAt: '2025-03-20T12:00:00.000Z', type: 'incidente', jurisdiction: 'EDUCACION' }),
    );
    t5.taken(adela, '2025-03-20T12:30:00.000Z', 'ADT');
    t5.solution(adela, '2025-04-02T12:00:00.000Z', 'ADT');
    t5.closed(olga, '2025-04-02T13:00:00.000Z', 50, 60);
    return events;
  }

  const none = { business: null, calendar: null };
  const zeroType = (type: string) => ({ type, opened: 0, closed: 0, resolution: none });

  it("computes March's figures per technician, area and type as worked out by hand", async () => {
    const report = await productivity();
    expect(report).toEqual({
      ...march,
      scope: null,
      timeZone: 'America/Argentina/Buenos_Aires',
      // All solved one; Olga took the most; then by name.
      technicians: [
        {
          accountId: olga.accountId,
          name: olga.name,
          taken: 3, // T1, T2, T3 (T4 was taken in February)
          solved: 1, // T1 (her solution of T4 was rejected; T2's was Ulises's)
          minutesLogged: 20,
          resolution: { business: 360, calendar: 1440 },
        },
        {
          accountId: adela.accountId,
          name: adela.name,
          taken: 1, // T5
          solved: 1, // T4 (T5 closes in April)
          minutesLogged: 10, // February's 30 are February's
          resolution: { business: 100, calendar: 200 },
        },
        {
          accountId: ulises.accountId,
          name: ulises.name,
          taken: 1,
          solved: 1,
          minutesLogged: 60,
          resolution: { business: 600, calendar: 5000 },
        },
      ],
      // Each closed ticket counts for the area whose solution was approved, not the area that closed it (L1).
      areas: [
        { area: 'ADT', resolved: 1, minutesLogged: 10, resolution: { business: 100, calendar: 200 } },
        { area: 'L1', resolved: 1, minutesLogged: 20, resolution: { business: 360, calendar: 1440 } },
        { area: 'UIT', resolved: 1, minutesLogged: 60, resolution: { business: 600, calendar: 5000 } },
      ],
      types: [
        // T3 registered (T4 in February); T4 closed.
        { type: 'solicitud', opened: 1, closed: 1, resolution: { business: 100, calendar: 200 } },
        // T1, T2, T5 registered; T1 and T2 closed: (360 + 600) / 2, (1440 + 5000) / 2.
        { type: 'incidente', opened: 3, closed: 2, resolution: { business: 480, calendar: 3220 } },
        zeroType('incidente_seguridad'),
        zeroType('reclamo'),
        zeroType('asesoramiento_compras'),
      ],
    });
  });

  it("adds up to the KPI report's tickets closed in the period", async () => {
    const report = await productivity();
    const kpis = await h.rpc.request(ReportingRpc.Kpis, {
      actor: staff('supervisor'),
      ...march,
      granularity: 'total',
    });
    const closed = kpis.rows[0]!.closed;
    expect(closed).toBe(3);
    expect(report.technicians.reduce((sum, t) => sum + t.solved, 0)).toBe(closed);
    expect(report.areas.reduce((sum, a) => sum + a.resolved, 0)).toBe(closed);
    expect(report.types.reduce((sum, t) => sum + t.closed, 0)).toBe(closed);
  });

  it("gives an area's agent what was done in the area and a referente their jurisdiction's tickets", async () => {
    const uit = await productivity({ ...staff('agent'), area: 'UIT' });
    expect(uit.scope).toEqual({ dimension: 'area', value: 'UIT' });
    expect(uit.technicians).toEqual([
      {
        accountId: ulises.accountId,
        name: ulises.name,
        taken: 1,
        solved: 1,
        minutesLogged: 60,
        resolution: { business: 600, calendar: 5000 },
      },
    ]);
    expect(uit.areas).toEqual([
      { area: 'UIT', resolved: 1, minutesLogged: 60, resolution: { business: 600, calendar: 5000 } },
    ]);
    // Opened: tickets now in UIT (none: T2 is back at L1); closed: the tickets UIT's solution resolved.
    expect(uit.types.map((t) => [t.type, t.opened, t.closed])).toEqual([
      ['solicitud', 0, 0],
      ['incidente', 0, 1],
      ['incidente_seguridad', 0, 0],
      ['reclamo', 0, 0],
      ['asesoramiento_compras', 0, 0],
    ]);

    const educacion = await productivity({ ...staff('referente'), jurisdiction: 'EDUCACION' });
    expect(educacion.scope).toEqual({ dimension: 'jurisdiction', value: 'EDUCACION' });
    expect(educacion.technicians).toEqual([
      { accountId: adela.accountId, name: adela.name, taken: 1, solved: 0, minutesLogged: 0, resolution: none },
    ]);
    expect(educacion.areas).toEqual([]);
    expect(educacion.types.find((t) => t.type === 'incidente')).toEqual({
      type: 'incidente',
      opened: 1,
      closed: 0,
      resolution: none,
    });
  });

  it('counts April on its own: T5 solved by Adela at ADT', async () => {
    const april = await productivity(staff('operator'), { from: '2025-04-01', to: '2025-05-01' });
    expect(april.technicians).toEqual([
      {
        accountId: adela.accountId,
        name: adela.name,
        taken: 0,
        solved: 1,
        minutesLogged: 0,
        resolution: { business: 50, calendar: 60 },
      },
    ]);
    expect(april.areas).toEqual([
      { area: 'ADT', resolved: 1, minutesLogged: 0, resolution: { business: 50, calendar: 60 } },
    ]);
  });

  it('refuses a bad period naming the field, and requesters', async () => {
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: { payload?: unknown }) => error.payload,
      );
    expect(await refusal(productivity(staff('supervisor'), { from: '2025-04-01', to: '2025-03-01' }))).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'to' }],
    });
    expect(await refusal(productivity(staff('requester')))).toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('keeps productivity_daily as a rebuild from the facts would fill it, also after a reopening', async () => {
    // Rows whose counts came back to zero are left by the upkeep; a rebuild has none.
    const daily = async () =>
      (
        await h.db.query(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, key, area, n, measured, round(business::numeric, 6) AS business,
                  round(calendar::numeric, 6) AS calendar, name, name_at
           FROM reporting.productivity_daily WHERE n <> 0 ORDER BY day, kind, key, area NULLS LAST`,
        )
      ).rows;
    const rebuilt = async () => {
      await h.db.query('BEGIN');
      for (const sql of productivityDailyRebuild('reporting')) {
        await h.db.query(sql, sql.includes('$1') ? ['America/Argentina/Buenos_Aires'] : []);
      }
      await h.db.query('COMMIT');
      return daily();
    };
    const kept = await daily();
    expect(kept.length).toBeGreaterThan(0);
    expect(await rebuilt()).toEqual(kept);

    // T1 reopened: Olga's closure of 11 March leaves that day, and the day's name is read again.
    const [t1] = (
      await h.db.query<{ ticket_id: string; number: string }>(
        `SELECT ticket_id, number FROM reporting.ticket_view WHERE registered_at = '2025-03-10T13:00:00Z'`,
      )
    ).rows;
    await h.feed(
      h.procedure(
        ProcedureEvents.TicketReopened,
        {
          ticketId: t1!.ticket_id,
          number: Number(t1!.number),
          by: supervisor,
          at: '2025-03-20T12:00:00.000Z',
          area: 'L1',
          status: 'en_curso',
          reason: 'Volvió a fallar',
        },
        6,
      ),
    );
    const reopened = await daily();
    expect(reopened).not.toEqual(kept);
    expect(await rebuilt()).toEqual(reopened);
    const after = await productivity();
    expect(after.technicians.find((t) => t.accountId === olga.accountId)?.solved).toBe(0);
  });

  it('keeps recurring_daily as a rebuild from the facts would fill it, also after an incident is reclassified', async () => {
    const daily = async () =>
      (
        await h.db.query(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, by, key, incidents, first_at, last_at, latest_numbers
           FROM reporting.recurring_daily WHERE incidents <> 0 ORDER BY day, by, key`,
        )
      ).rows;
    const rebuilt = async () => {
      await h.db.query('BEGIN');
      for (const sql of recurringDailyRebuild('reporting')) {
        await h.db.query(sql, sql.includes('$1') ? ['America/Argentina/Buenos_Aires'] : []);
      }
      await h.db.query('COMMIT');
      return daily();
    };
    const kept = await daily();
    expect(kept.length).toBeGreaterThan(0);
    expect(await rebuilt()).toEqual(kept);
    const recurring = () =>
      h.rpc.request(ReportingRpc.Recurring, {
        actor: staff('supervisor'),
        ...march,
        by: 'jurisdiction',
      });
    // T1, T2 and T5 are incidents; T1 and T2 of SALUD repeat, T5 of EDUCACION does not.
    expect((await recurring()).items.map((i) => [i.key, i.incidents, i.latestNumbers.length])).toEqual([
      ['SALUD', 2, 2],
    ]);

    // T1 becomes a query: it leaves its day's category and jurisdiction, which are counted again.
    const [t1] = (
      await h.db.query<{ ticket_id: string; number: string; category: string }>(
        `SELECT ticket_id, number, category FROM reporting.ticket_view WHERE registered_at = '2025-03-10T13:00:00Z'`,
      )
    ).rows;
    const classification = { impact: 'medio', urgency: 'media', priority: 'MEDIA' } as const;
    await h.feed(
      h.procedure(
        ProcedureEvents.TicketReclassified,
        {
          ticketId: t1!.ticket_id,
          number: Number(t1!.number),
          by: olga,
          at: '2025-03-21T12:00:00.000Z',
          area: 'L1',
          previous: { ...classification, type: 'incidente', category: t1!.category },
          current: { ...classification, type: 'solicitud', category: 'cuentas' },
          reason: 'Era un pedido',
        },
        2,
      ),
    );
    const reclassified = await daily();
    expect(reclassified).not.toEqual(kept);
    expect(await rebuilt()).toEqual(reclassified);
    expect((await recurring()).items).toEqual([]);
  });
});
