import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  FieldServiceEvents,
  ProcedureEvents,
  ReportingRpc,
  type ActorV1,
  type EventDefinition,
  type EventEnvelope,
  type StepTargetInputV1,
  type StepTargetsV1,
  type StepTimeRowV1,
  type StepTimesParamsV1,
  type StepTimesReportV1,
  type TicketStatus,
} from '@cau/contracts';
import { startService, type RunningService } from '@cau/messaging';
import { startGateway, type GatewayFixture } from '../../gateway/test/gateway-fixture.js';
import { reportingService } from '../src/reporting.service.js';
import { ReportingHarness, staff } from './support.js';

const olga = { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' };
const supervisor = { accountId: randomUUID(), name: 'Sara Supervisora', role: 'supervisor' };

/**
 * Five tickets whose March 2025 times per step are worked out by hand, in business minutes of the default
 * calendar (Monday–Friday 08:00–16:00 in Buenos Aires, UTC−3: 11:00Z–19:00Z; no holidays announced).
 *
 * T1 SALUD, field with a machine out: registered Mon 10 Mar 12:00Z, escalated 13:00Z (02 = 60); visit asked
 *    for 13:30Z, arrived 16:30Z (05 = 180), left 17:30Z (07 = 60); F03 17:40Z (08 = 10); back Tue 11 Mar
 *    12:00Z (08b = 80 + 60 = 140); signed 12:20Z (09 = 20); closed 13:00Z (10 = 40).
 * T2 EDUCACION, field, its inventory events published before its registration: registered Wed 12 Mar
 *    12:00Z, visit asked for 12:10Z (02 = 10), arrived Thu 13 Mar 12:00Z (05 = 410 + 60 = 470), left 13:00Z
 *    (07 = 60), signed 13:05Z (09 = 5), closed 14:00Z (10 = 55).
 * T3 SALUD, desk only: registered Fri 14 Mar 18:00Z, solution Mon 17 Mar 12:00Z (02 = 60 + 60 = 120),
 *    closed 14:00Z (03 = 120).
 * T4 SALUD, open: registered Tue 18 Mar 12:00Z, visit asked for 12:30Z (02 = 30), not made yet.
 * T5 SALUD, desk only: solution Thu 27 Feb 13:00Z (02 in February), closed Mon 3 Mar 12:00Z
 *    (03 = 360 + 480 + 60 = 900).
 */
describe('reporting: times per step of the field procedure against the targets', () => {
  let h: ReportingHarness;
  const previousZone = process.env.CAU_TIME_ZONE;
  const numbers: Record<string, number> = {};

  beforeAll(async () => {
    process.env.CAU_TIME_ZONE = 'America/Argentina/Buenos_Aires';
    h = await ReportingHarness.start('reportingsteptimes');
    await h.feed(...tickets());
  });

  afterAll(async () => {
    await h?.stop();
    // Assigning undefined would store the string "undefined", which the gateway's reporting below refuses.
    if (previousZone === undefined) delete process.env.CAU_TIME_ZONE;
    else process.env.CAU_TIME_ZONE = previousZone;
  });

  const march = { from: '2025-03-01', to: '2025-04-01' };
  const report = (actor: ActorV1 = staff('supervisor'), params: StepTimesParamsV1 = march) =>
    h.rpc.request(ReportingRpc.StepTimes, { actor, ...params });
  const row = (answer: StepTimesReportV1, step: string) => answer.steps.find((s) => s.step === step)!;

  function tickets(): EventEnvelope[] {
    const events: EventEnvelope[] = [];
    const life = (name: string, registeredAt: string, jurisdiction = 'SALUD') => {
      const registration = h.registration({ registeredAt, jurisdiction });
      numbers[name] = registration.number;
      const t = { ticketId: registration.ticketId, number: registration.number };
      let seq = 1;
      const registered = [
        h.registered(registration, 1, registeredAt),
        h.routed(h.routing(registration, { area: 'L1', routedAt: registeredAt }), 1, registeredAt),
      ];
      const step = (at: string, status: TicketStatus) => ({ ...t, by: olga, at, area: 'L1', status });
      const field = <T extends object>(definition: EventDefinition<T>, occurredAt: string, data: T): EventEnvelope => ({
        id: randomUUID(),
        type: definition.type,
        version: definition.version,
        occurredAt,
        ticketId: t.ticketId,
        source: 'inventory',
        sequence: seq++,
        correlationId: randomUUID(),
        causationId: null,
        data,
      });
      const visitId = randomUUID();
      const repairId = randomUUID();
      const visit = { visitId, ticketNumber: t.number, visitorKind: 'contractor' as const };
      const repair = { repairId, ticketNumber: t.number, equipmentId: randomUUID(), inventoryNumber: 'PC-1' };
      return {
        registered: () => events.push(...registered),
        escalated: (at: string) =>
          events.push(
            h.procedure(
              ProcedureEvents.TicketEscalated,
              {
                ...t,
                by: olga,
                at,
                derivationId: randomUUID(),
                from: 'L1',
                to: 'UIT',
                kind: 'escalate',
                reason: 'Visita',
              },
              seq++,
            ),
          ),
        solution: (at: string) =>
          events.push(
            h.procedure(ProcedureEvents.SolutionProposed, { ...step(at, 'en_curso'), solution: 'Hecho' }, seq++),
          ),
        closed: (at: string) =>
          events.push(
            h.procedure(
              ProcedureEvents.TicketResolved,
              { ...step(at, 'resuelto'), verifiedWithRequester: true, solution: 'Hecho' },
              seq++,
            ),
            h.procedure(
              ProcedureEvents.TicketClosed,
              { ...step(at, 'cerrado'), by: supervisor, resolutionBusinessMinutes: 1, resolutionCalendarMinutes: 1 },
              seq++,
            ),
          ),
        planned: (at: string) =>
          events.push(
            field(FieldServiceEvents.VisitPlanned, at, { ...visit, plannedFor: at, arrivedAt: null, departedAt: null }),
          ),
        recorded: (arrivedAt: string, departedAt: string) =>
          events.push(
            field(FieldServiceEvents.VisitRecorded, departedAt, {
              ...visit,
              plannedFor: arrivedAt,
              arrivedAt,
              departedAt,
            }),
          ),
        out: (at: string) =>
          events.push(field(FieldServiceEvents.RepairOut, at, { ...repair, state: 'en_reparacion', condition: null })),
        back: (at: string) =>
          events.push(
            field(FieldServiceEvents.RepairReturned, at, { ...repair, state: 'en_uso', condition: 'funciona' }),
          ),
        signed: (at: string) =>
          events.push(
            field(FieldServiceEvents.SignedOff, at, { ticketNumber: t.number, conforme: true, signedAt: at }),
          ),
      };
    };

    const t1 = life('T1', '2025-03-10T12:00:00.000Z');
    t1.registered();
    t1.escalated('2025-03-10T13:00:00.000Z');
    t1.planned('2025-03-10T13:30:00.000Z');
    t1.recorded('2025-03-10T16:30:00.000Z', '2025-03-10T17:30:00.000Z');
    t1.out('2025-03-10T17:40:00.000Z');
    t1.back('2025-03-11T12:00:00.000Z');
    t1.signed('2025-03-11T12:20:00.000Z');
    t1.solution('2025-03-11T12:30:00.000Z');
    t1.closed('2025-03-11T13:00:00.000Z');

    const t2 = life('T2', '2025-03-12T12:00:00.000Z', 'EDUCACION');
    t2.planned('2025-03-12T12:10:00.000Z');
    t2.recorded('2025-03-13T12:00:00.000Z', '2025-03-13T13:00:00.000Z');
    t2.signed('2025-03-13T13:05:00.000Z');
    t2.registered();
    t2.solution('2025-03-13T13:30:00.000Z');
    t2.closed('2025-03-13T14:00:00.000Z');

    const t3 = life('T3', '2025-03-14T18:00:00.000Z');
    t3.registered();
    t3.solution('2025-03-17T12:00:00.000Z');
    t3.closed('2025-03-17T14:00:00.000Z');

    const t4 = life('T4', '2025-03-18T12:00:00.000Z');
    t4.registered();
    t4.planned('2025-03-18T12:30:00.000Z');

    const t5 = life('T5', '2025-02-27T12:00:00.000Z');
    t5.registered();
    t5.solution('2025-02-27T13:00:00.000Z');
    t5.closed('2025-03-03T12:00:00.000Z');
    return events;
  }

  const unmeasured = (step: string, targetMinutes: number): StepTimeRowV1 => ({
    step: step as StepTimeRowV1['step'],
    measured: false,
    targetMinutes,
    count: 0,
    medianMinutes: null,
    p90Minutes: null,
    overTarget: 0,
    worst: [],
  });

  it("measures March's steps as worked out by hand, against the procedure's default targets", async () => {
    const answer = await report();
    const n = numbers;
    expect(answer).toEqual({
      ...march,
      scope: null,
      area: null,
      jurisdiction: null,
      steps: [
        unmeasured('01', 10),
        // 10, 30, 60, 120: median (30 + 60) / 2, p90 60 + 0.7 × 60.
        {
          step: '02',
          measured: true,
          targetMinutes: 180,
          count: 4,
          medianMinutes: 45,
          p90Minutes: 102,
          overTarget: 0,
          worst: [
            { number: n.T3, minutes: 120 },
            { number: n.T1, minutes: 60 },
            { number: n.T4, minutes: 30 },
            { number: n.T2, minutes: 10 },
          ],
        },
        // 120 and 900 (T5 ended in March though it began in February).
        {
          step: '03',
          measured: true,
          targetMinutes: 180,
          count: 2,
          medianMinutes: 510,
          p90Minutes: 822,
          overTarget: 1,
          worst: [
            { number: n.T5, minutes: 900 },
            { number: n.T3, minutes: 120 },
          ],
        },
        unmeasured('04', 10),
        {
          step: '05',
          measured: true,
          targetMinutes: 720,
          count: 2,
          medianMinutes: 325,
          p90Minutes: 441,
          overTarget: 0,
          worst: [
            { number: n.T2, minutes: 470 },
            { number: n.T1, minutes: 180 },
          ],
        },
        unmeasured('06', 10),
        {
          step: '07',
          measured: true,
          targetMinutes: 240,
          count: 2,
          medianMinutes: 60,
          p90Minutes: 60,
          overTarget: 0,
          worst: [
            { number: n.T1, minutes: 60 },
            { number: n.T2, minutes: 60 },
          ],
        },
        // Exactly on target is not over it.
        {
          step: '08',
          measured: true,
          targetMinutes: 10,
          count: 1,
          medianMinutes: 10,
          p90Minutes: 10,
          overTarget: 0,
          worst: [{ number: n.T1, minutes: 10 }],
        },
        {
          step: '08b',
          measured: true,
          targetMinutes: null,
          count: 1,
          medianMinutes: 140,
          p90Minutes: 140,
          overTarget: null,
          worst: [{ number: n.T1, minutes: 140 }],
        },
        {
          step: '09',
          measured: true,
          targetMinutes: 10,
          count: 2,
          medianMinutes: 12.5,
          p90Minutes: 18.5,
          overTarget: 1,
          worst: [
            { number: n.T1, minutes: 20 },
            { number: n.T2, minutes: 5 },
          ],
        },
        {
          step: '10',
          measured: true,
          targetMinutes: 10,
          count: 2,
          medianMinutes: 47.5,
          p90Minutes: 53.5,
          overTarget: 2,
          worst: [
            { number: n.T2, minutes: 55 },
            { number: n.T1, minutes: 40 },
          ],
        },
      ],
    });
  });

  it('filters by jurisdiction and area, and scopes a referente to their jurisdiction', async () => {
    const educacion = await report(staff('supervisor'), { ...march, jurisdiction: 'EDUCACION' });
    expect(educacion.steps.map((s) => [s.step, s.count])).toEqual([
      ['01', 0],
      ['02', 1],
      ['03', 0],
      ['04', 0],
      ['05', 1],
      ['06', 0],
      ['07', 1],
      ['08', 0],
      ['08b', 0],
      ['09', 1],
      ['10', 1],
    ]);
    expect(row(educacion, '05').worst).toEqual([{ number: numbers.T2, minutes: 470 }]);
    const referente = { ...staff('referente'), jurisdiction: 'EDUCACION' };
    const scoped = await report(referente);
    expect(scoped.scope).toEqual({ dimension: 'jurisdiction', value: 'EDUCACION' });
    expect(row(scoped, '02').count).toBe(1);
    expect(row(await report(staff(), { ...march, area: 'ADT' }), '02').count).toBe(0);
    expect(row(await report(staff(), { ...march, area: 'L1' }), '03').count).toBe(2);
    expect(row(await report(staff(), { from: '2025-02-01', to: '2025-03-01' }), '02').worst).toEqual([
      { number: numbers.T5, minutes: 60 },
    ]);
  });

  it('refuses bad periods and filters naming the field, and requesters', async () => {
    const refusal = (params: StepTimesParamsV1, actor = staff()) =>
      report(actor, params).then(
        () => null,
        (error: { payload?: { code: string; fields?: Array<{ field: string }> } }) => error.payload,
      );
    expect(await refusal({ from: '2025-04-01', to: '2025-03-01' })).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'to' }],
    });
    expect(await refusal({ ...march, area: 'l1' })).toMatchObject({ fields: [{ field: 'area' }] });
    expect(await refusal({ from: '2025-02-30', to: '2025-03-01' })).toMatchObject({ fields: [{ field: 'from' }] });
    expect(await refusal(march, staff('requester'))).toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('lets administrators change targets, counts over the new ones at once, and refuses bad targets', async () => {
    const replace = (targets: StepTargetInputV1[], actor = staff('admin')) =>
      h.rpc.request(ReportingRpc.ReplaceStepTargets, { actor, targets });
    const admin = staff('admin');
    const saved = await replace(
      [
        { step: '02', minutes: 20 },
        { step: '08b', minutes: 120 },
      ],
      admin,
    );
    expect(saved.targets.find((t) => t.step === '02')).toEqual({
      step: '02',
      minutes: 20,
      defaultMinutes: 180,
      measured: true,
    });
    expect(saved.updatedBy).toEqual({ accountId: admin.accountId, name: admin.name });
    const answer = await report();
    expect([row(answer, '02').overTarget, row(answer, '08b').overTarget]).toEqual([3, 1]);
    expect(row(answer, '05').targetMinutes).toBe(720);

    const refusal = (targets: unknown, actor = staff('admin')) =>
      h.rpc.send(ReportingRpc.ReplaceStepTargets.subject, { actor, targets }).then(
        () => null,
        (error: { payload?: { code: string; fields?: Array<{ field: string }> } }) => error.payload,
      );
    expect(await refusal([{ step: '02', minutes: 0 }])).toMatchObject({ fields: [{ field: 'targets.0.minutes' }] });
    expect(await refusal([{ step: '11', minutes: 5 }])).toMatchObject({ fields: [{ field: 'targets.0.step' }] });
    expect(
      await refusal([
        { step: '02', minutes: 5 },
        { step: '02', minutes: 6 },
      ]),
    ).toMatchObject({ fields: [{ field: 'targets.1.step' }] });
    expect(await refusal([{ step: '02', minutes: 5 }], staff('supervisor'))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
    const kept = await h.rpc.request(ReportingRpc.StepTargets, { actor: staff() });
    expect(kept.targets.find((t) => t.step === '02')?.minutes).toBe(20);
  });
});

describe('gateway: times per step', () => {
  let f: GatewayFixture;
  let reporting: RunningService;

  beforeAll(async () => {
    f = await startGateway('gwsteptimes');
    reporting = await startService(reportingService, { ...f.env, REPORTING_PORT: '0' });
  });

  afterAll(async () => {
    await reporting?.stop();
    await f?.stop();
  });

  it('answers the report, and refuses bad input with 400 naming the field', async () => {
    const ok = await f.http.send<StepTimesReportV1>('GET', '/api/v1/reports/step-times?from=2025-01-01&to=2025-02-01', {
      token: f.adminToken,
    });
    expect([ok.status, ok.body.steps.length]).toEqual([200, 11]);
    for (const [query, field] of [
      ['from=2025-02-01&to=2025-01-01', 'to'],
      ['from=2025-01-01', 'to'],
      ['from=2025-01-01&to=2025-02-01&area=x', 'area'],
    ] as const) {
      const answer = await f.http.send('GET', `/api/v1/reports/step-times?${query}`, { token: f.adminToken });
      expect([query, answer.status, answer.body.code, answer.body.fields?.[0]?.field]).toEqual([
        query,
        400,
        'VALIDATION',
        field,
      ]);
    }
  });

  it('changes targets for administrators only, audited, and refuses bad targets naming the field', async () => {
    const put = (json: unknown, token = f.adminToken) =>
      f.http.send('PUT', '/api/v1/reports/step-targets', { token, json });
    const saved = await f.http.send<StepTargetsV1>('PUT', '/api/v1/reports/step-targets', {
      token: f.adminToken,
      json: { targets: [{ step: '05', minutes: 600 }] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.targets.find((t) => t.step === '05')?.minutes).toBe(600);
    const audit = await f.http.send<{ items: Array<{ action: string; before: unknown; after: unknown }> }>(
      'GET',
      '/api/v1/audit?targetType=step-targets',
      { token: f.adminToken },
    );
    expect(audit.body.items[0]).toMatchObject({
      action: 'step-targets.replace',
      before: { targets: expect.arrayContaining([{ step: '05', minutes: 720 }]) },
      after: { targets: expect.arrayContaining([{ step: '05', minutes: 600 }]) },
    });
    const bad = await put({ targets: [{ step: '05', minutes: 'mucho' }] });
    expect([bad.status, bad.body.fields?.[0]?.field]).toEqual([400, 'targets.0.minutes']);
    const twice = await put({
      targets: [
        { step: '05', minutes: 60 },
        { step: '05', minutes: 70 },
      ],
    });
    expect([twice.status, twice.body.fields?.[0]?.field]).toEqual([400, 'targets.1.step']);
    expect((await put({ targets: [] })).status).toBe(400);
    const operator = await f.http.account(f.adminToken, { email: 'operadora@cau.gob', role: 'operator' });
    expect((await put({ targets: [{ step: '05', minutes: 60 }] }, operator)).status).toBe(403);
    const read = await f.http.send<StepTargetsV1>('GET', '/api/v1/reports/step-targets', { token: operator });
    expect([read.status, read.body.targets.find((t) => t.step === '05')?.minutes]).toEqual([200, 600]);
  });
});
