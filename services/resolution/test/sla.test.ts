import { SlaSchedule } from '../src/sla/sla-schedule.js';
import { ErrorCode, ProcedureEvents, ResolutionRpc, type SlaPolicyOverrideV1, type SlaPolicyV1 } from '@cau/contracts';
import { ResolutionHarness, people, refusal, type TestTicket } from './support.js';

// Business calendar of the tests: America/Argentina/Buenos_Aires (UTC−3), Monday–Friday 08:00–16:00.
describe('resolution: service levels', () => {
  let h: ResolutionHarness;
  const operator = people.operator();

  beforeAll(async () => {
    // Two instances on one database: the sweeps below run on both at once.
    h = await ResolutionHarness.start('ressla', { instances: [{}, {}] });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const iso = (value: Date | null) => value?.toISOString() ?? null;
  const dueDates = async (ticket: TestTicket) => {
    const row = await h.row(ticket);
    return { response: iso(row.response_due_at), resolution: iso(row.resolution_due_at), overdue: row.overdue };
  };
  const breaches = async (ticket: TestTicket) =>
    (
      await h.db.query('SELECT target FROM resolution.sla_breaches WHERE ticket_id = $1 ORDER BY target', [
        ticket.ticketId,
      ])
    ).rows.map((r) => r.target);
  const sweepBoth = (at: string) => Promise.all([h.sweeper(0).sweep(new Date(at)), h.sweeper(1).sweep(new Date(at))]);

  it('marks an untouched ticket overdue at the business-time instant it missed, announced once by two instances', async () => {
    // ALTA: response 30, resolution 240 business minutes. Registered Monday 15:50: 10 minutes that day,
    // the rest on Tuesday from 08:00 → response due Tuesday 08:20, resolution due Tuesday 11:50.
    const ticket = await h.ticket({ registeredAt: '2026-03-02T18:50:00.000Z', priority: 'ALTA' });
    expect(await dueDates(ticket)).toEqual({
      response: '2026-03-03T11:20:00.000Z',
      resolution: '2026-03-03T14:50:00.000Z',
      overdue: false,
    });

    await sweepBoth('2026-03-03T11:19:00Z');
    expect(await breaches(ticket)).toEqual([]);
    expect((await h.row(ticket)).overdue).toBe(false);

    // The only ticket of the file so far: between them, the two sweeps announce exactly one breach.
    const [first, second] = await sweepBoth('2026-03-03T11:21:00Z');
    expect(first + second).toBe(1);
    expect(await breaches(ticket)).toEqual(['response']);
    expect((await h.row(ticket)).overdue).toBe(true);
    await sweepBoth('2026-03-03T11:22:00Z');

    const announced = await h.streamed(ProcedureEvents.SlaBreached, ticket);
    expect(announced.map((e) => e.data)).toEqual([
      {
        ticketId: ticket.ticketId,
        number: ticket.number,
        area: 'L1',
        target: 'response',
        dueAt: '2026-03-03T11:20:00.000Z',
        detectedAt: '2026-03-03T11:21:00.000Z',
      },
    ]);

    h.clock.set('2026-03-03T12:00:00Z');
    expect(await h.command('take', 'L1', operator, ticket)).toMatchObject({ overdue: true });
    await sweepBoth('2026-03-03T14:51:00Z');
    expect(await breaches(ticket)).toEqual(['resolution', 'response']);
    expect(await h.streamed(ProcedureEvents.SlaBreached, ticket)).toHaveLength(2);
  });

  it('stops the clocks while waiting on the requester and moves the due date by the wait', async () => {
    // Monday 2026-03-09 09:00: resolution due 13:00 (16:00Z).
    const ticket = await h.ticket({ registeredAt: '2026-03-09T12:00:00.000Z', priority: 'ALTA' });
    h.clock.set('2026-03-09T12:05:00Z');
    await h.command('take', 'L1', operator, ticket);
    expect((await dueDates(ticket)).resolution).toBe('2026-03-09T16:00:00.000Z');

    h.clock.set('2026-03-09T13:00:00Z'); // 10:00
    expect(
      await h.command('wait-requester', 'L1', operator, ticket, { reason: 'Se pidió la captura del error' }),
    ).toMatchObject({ waitingOnRequester: true });
    expect(await dueDates(ticket)).toMatchObject({ response: '2026-03-09T12:30:00.000Z', resolution: null });
    expect(await refusal(h.command('wait-requester', 'L1', operator, ticket, { reason: 'otra vez' }))).toMatchObject({
      code: ErrorCode.Conflict,
    });

    await sweepBoth('2026-03-09T16:01:00Z'); // past the original due date, but the clock is stopped
    expect(await breaches(ticket)).toEqual([]);

    h.clock.set('2026-03-09T14:30:00Z'); // 11:30: 90 business minutes later
    expect(await h.command('resume', 'L1', operator, ticket)).toMatchObject({ waitingOnRequester: false });
    expect((await dueDates(ticket)).resolution).toBe('2026-03-09T17:30:00.000Z');

    await sweepBoth('2026-03-09T17:29:00Z');
    expect(await breaches(ticket)).toEqual([]);
    await sweepBoth('2026-03-09T17:31:00Z');
    expect(await breaches(ticket)).toEqual(['resolution']);
    const [waiting, resumed] = await h.streamed(ProcedureEvents.WaitingOnRequester, ticket);
    expect([waiting!.data, resumed!.data]).toMatchObject([
      { waiting: true, reason: 'Se pidió la captura del error', status: 'en_curso' },
      { waiting: false, status: 'en_curso' },
    ]);
  });

  it('counts in the jurisdiction’s own calendar and skips holidays', async () => {
    await h.db.query(
      `INSERT INTO resolution.holidays (calendar, day, name) VALUES ('default', '2026-03-24', 'Día de la Memoria')`,
    );
    const week = JSON.stringify(
      Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '09:00', end: '14:00' }]])),
    );
    await h.db.query(`INSERT INTO resolution.calendars (code, zone, week) VALUES ('madrid', 'Europe/Madrid', $1)`, [
      week,
    ]);
    await h.db.query(
      `INSERT INTO resolution.jurisdiction_calendars (jurisdiction, calendar) VALUES ('EMBAJADA', 'madrid')`,
    );
    for (const instance of h.instances) instance.app.get(SlaSchedule).forget();

    // Monday 2026-03-23 15:50 in La Pampa; Tuesday is a holiday there → Wednesday 08:20.
    const local = await h.ticket({ registeredAt: '2026-03-23T18:50:00.000Z' });
    expect((await dueDates(local)).response).toBe('2026-03-25T11:20:00.000Z');
    // The same instant is 19:50 in Madrid, after hours → Tuesday 09:30 CET.
    const abroad = await h.ticket({ registeredAt: '2026-03-23T18:50:00.000Z', jurisdiction: 'EMBAJADA' });
    expect((await dueDates(abroad)).response).toBe('2026-03-24T08:30:00.000Z');
  });

  it('recomputes the due dates of open tickets, waits included, when an administrator changes the policy', async () => {
    const admin = people.admin();
    const policies = (alta: [number, number]): SlaPolicyV1[] => [
      { priority: 'ALTA', responseMinutes: alta[0], resolutionMinutes: alta[1] },
      { priority: 'MEDIA', responseMinutes: 120, resolutionMinutes: 960 },
      { priority: 'BAJA', responseMinutes: 480, resolutionMinutes: 2400 },
    ];
    // With when a ticket registered now would be due: Monday 09:00 in Buenos Aires, on the default calendar.
    h.clock.set('2026-03-16T12:00:00Z');
    expect(await h.query(ResolutionRpc.SlaPolicies, { actor: operator })).toEqual({
      policies: policies([30, 240]),
      overrides: [],
      preview: {
        from: '2026-03-16T12:00:00.000Z',
        overrides: [],
        dueDates: [
          { priority: 'ALTA', responseDueAt: '2026-03-16T12:30:00.000Z', resolutionDueAt: '2026-03-16T16:00:00.000Z' },
          { priority: 'MEDIA', responseDueAt: '2026-03-16T14:00:00.000Z', resolutionDueAt: '2026-03-18T12:00:00.000Z' },
          { priority: 'BAJA', responseDueAt: '2026-03-17T12:00:00.000Z', resolutionDueAt: '2026-03-23T12:00:00.000Z' },
        ],
      },
    });

    // Monday 2026-03-16 09:00; one ticket waited 10:00–11:30.
    const plain = await h.ticket({ registeredAt: '2026-03-16T12:00:00.000Z' });
    const waited = await h.ticket({ registeredAt: '2026-03-16T12:00:00.000Z' });
    h.clock.set('2026-03-16T12:10:00Z');
    await h.command('take', 'L1', operator, waited);
    h.clock.set('2026-03-16T13:00:00Z');
    await h.command('wait-requester', 'L1', operator, waited, { reason: 'Sin acceso remoto' });
    h.clock.set('2026-03-16T14:30:00Z');
    await h.command('resume', 'L1', operator, waited);
    const closed = await h.ticket({ registeredAt: '2026-03-16T12:00:00.000Z' });
    await h.command('take', 'L1', operator, closed);
    await h.command('register-solution', 'L1', operator, closed, { solution: 'Listo' });
    await h.command('submit', 'L1', operator, closed, { verifiedWithRequester: true });
    await h.command('review', 'L1', people.supervisor(), closed, { decision: 'approve' });
    const closedBefore = await dueDates(closed);

    const replace = (actor = admin, list: SlaPolicyV1[] = policies([60, 480]).slice(0, 1)) =>
      h.query(ResolutionRpc.ReplaceSlaPolicies, { actor, policies: list });
    expect(await refusal(replace(people.supervisor()))).toEqual({
      code: ErrorCode.Forbidden,
      refusal: { code: 'sla.change-admins-only' },
    });
    const alta = policies([60, 480])[0]!;
    expect(await refusal(replace(admin, [alta, alta]))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'policies', constraint: 'arrayUnique' }],
    });
    // Only ALTA is named: the other priorities keep their policies.
    expect(await replace()).toEqual({ policies: policies([60, 480]), overrides: [] });

    // 09:00 + 1 h → 10:00; 09:00 + 8 h → Tuesday 09:00, or 10:30 after the 90-minute wait.
    expect(await dueDates(plain)).toEqual({
      response: '2026-03-16T13:00:00.000Z',
      resolution: '2026-03-17T12:00:00.000Z',
      overdue: false,
    });
    expect((await dueDates(waited)).resolution).toBe('2026-03-17T13:30:00.000Z');
    expect(await dueDates(closed)).toEqual(closedBefore);
  });

  it('measures a ticket against its service’s targets, else its jurisdiction’s, else the general ones', async () => {
    const admin = people.admin();
    h.clock.set('2026-04-06T12:00:00Z');
    const general: SlaPolicyV1 = { priority: 'ALTA', responseMinutes: 30, resolutionMinutes: 240 };
    const salud: SlaPolicyOverrideV1 = {
      scope: 'jurisdiction',
      code: 'SALUD',
      priority: 'ALTA',
      responseMinutes: 15,
      resolutionMinutes: 120,
    };
    const turnos: SlaPolicyOverrideV1 = {
      scope: 'service',
      code: 'sistema-de-turnos',
      priority: 'ALTA',
      responseMinutes: 10,
      resolutionMinutes: 60,
    };
    // Monday 2026-04-06 09:00 in Buenos Aires; all three ALTA tickets registered then.
    const plain = await h.ticket({ registeredAt: '2026-04-06T12:00:00.000Z', jurisdiction: 'EDUCACION' });
    const ofSalud = await h.ticket({ registeredAt: '2026-04-06T12:00:00.000Z', jurisdiction: 'SALUD' });
    const ofTurnos = await h.ticket({
      registeredAt: '2026-04-06T12:00:00.000Z',
      jurisdiction: 'SALUD',
      service: 'sistema-de-turnos',
    });

    const replace = (overrides: SlaPolicyOverrideV1[]) =>
      h.query(ResolutionRpc.ReplaceSlaPolicies, { actor: admin, policies: [general], overrides });
    expect(await refusal(replace([salud, salud]))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'overrides', constraint: 'arrayUnique' }],
    });
    expect(await refusal(replace([{ ...salud, responseMinutes: 500 }]))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'overrides.0.responseMinutes', constraint: 'max', params: [120] }],
    });
    const areaScoped = { actor: admin, policies: [general], overrides: [{ ...salud, scope: 'area' }] };
    expect(await refusal(h.bench.rpc.send(ResolutionRpc.ReplaceSlaPolicies.subject, areaScoped))).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'overrides.0.scope', constraint: 'isIn' }],
    });
    expect((await h.query(ResolutionRpc.SlaPolicies, { actor: admin })).overrides).toEqual([]);

    expect(await replace([turnos, salud])).toMatchObject({ overrides: [salud, turnos] });
    expect(await dueDates(plain)).toMatchObject({ response: '2026-04-06T12:30:00.000Z' });
    expect(await dueDates(ofSalud)).toMatchObject({
      response: '2026-04-06T12:15:00.000Z',
      resolution: '2026-04-06T14:00:00.000Z',
    });
    expect(await dueDates(ofTurnos)).toMatchObject({
      response: '2026-04-06T12:10:00.000Z',
      resolution: '2026-04-06T13:00:00.000Z',
    });
    // A ticket registered after the edit gets its service's targets from the start.
    const later = await h.ticket({ registeredAt: '2026-04-06T12:00:00.000Z', service: 'sistema-de-turnos' });
    expect((await dueDates(later)).response).toBe('2026-04-06T12:10:00.000Z');
    const answer = await h.query(ResolutionRpc.SlaPolicies, { actor: admin });
    expect(answer.preview?.overrides).toEqual([
      {
        scope: 'jurisdiction',
        code: 'SALUD',
        priority: 'ALTA',
        responseDueAt: '2026-04-06T12:15:00.000Z',
        resolutionDueAt: '2026-04-06T14:00:00.000Z',
      },
      {
        scope: 'service',
        code: 'sistema-de-turnos',
        priority: 'ALTA',
        responseDueAt: '2026-04-06T12:10:00.000Z',
        resolutionDueAt: '2026-04-06T13:00:00.000Z',
      },
    ]);

    // Without overrides the tickets go back to the general targets; policies alone leave the overrides be.
    await h.query(ResolutionRpc.ReplaceSlaPolicies, { actor: admin, policies: [general] });
    expect((await dueDates(ofTurnos)).response).toBe('2026-04-06T12:10:00.000Z');
    await replace([]);
    expect((await dueDates(ofTurnos)).response).toBe('2026-04-06T12:30:00.000Z');
  });
});
