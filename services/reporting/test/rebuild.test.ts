import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  ErrorCode,
  ProcedureEvents,
  ReportingRpc,
  type EventEnvelope,
  type ReadModelRebuildV1,
  type TicketRegisteredV1,
  type TicketStatus,
} from '@cau/contracts';
import { BatchScope, type ServiceRuntime } from '@cau/messaging';
import { repoRoot, waitFor } from '@cau/testing';
import type { EntityManager } from 'typeorm';
import { RebuildRepository } from '../src/rebuild/rebuild.repository.js';
import { ReportingHarness, staff } from './support.js';

const agent = { accountId: randomUUID(), name: 'Andrés Agente', role: 'agent' };

describe('reporting: rebuild of the read models from the event stream', () => {
  let h: ReportingHarness;
  const previousZone = process.env.CAU_TIME_ZONE;
  const tickets: TicketRegisteredV1[] = [];
  const admin = staff('admin');

  beforeAll(async () => {
    process.env.CAU_TIME_ZONE = 'America/Argentina/Buenos_Aires';
    h = await ReportingHarness.start('reportingrebuild');
    const events: EventEnvelope[] = [];
    for (let i = 0; i < 40; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const ticket = h.registration({
        registeredAt: `2025-03-${day}T13:00:00.000Z`,
        type: i % 3 === 0 ? 'solicitud' : 'incidente',
        channel: i % 2 === 0 ? 'telefono' : 'portal',
        category: `cat${i % 4}`,
        jurisdiction: `JUR${i % 5}`,
      });
      tickets.push(ticket);
      events.push(...lifecycle(ticket, i));
    }
    await h.feed(...events);
    // Copies under new message ids (the stream keeps them): one event id must count once, live and rebuilt.
    for (const e of events.slice(0, 5)) await h.publish(e, randomUUID());
  });

  afterAll(async () => {
    await h?.stop();
    process.env.CAU_TIME_ZONE = previousZone;
  });

  /** Registration, routing and, for most, a lifecycle: taken, derived, resolved, closed, surveyed. */
  function lifecycle(r: TicketRegisteredV1, i: number): EventEnvelope[] {
    const t = { ticketId: r.ticketId, number: r.number };
    const at = (minutes: number) => new Date(Date.parse(r.registeredAt) + minutes * 60_000).toISOString();
    const step = (minutes: number, area: string, status: TicketStatus) => ({
      ...t,
      by: agent,
      at: at(minutes),
      area,
      status,
    });
    const events: EventEnvelope[] = [
      h.registered(r, 1, r.registeredAt),
      h.routed(h.routing(r, { area: 'L1', routedAt: r.registeredAt }), 1, r.registeredAt),
    ];
    if (i % 4 === 3) return events;
    const area = i % 2 === 0 ? 'UIT' : 'L1';
    events.push(h.procedure(ProcedureEvents.TicketTaken, { ...step(30, 'L1', 'en_curso'), assignee: agent }, 1));
    if (area === 'UIT') {
      events.push(
        h.procedure(
          ProcedureEvents.TicketEscalated,
          {
            ...t,
            by: agent,
            at: at(60),
            derivationId: randomUUID(),
            from: 'L1',
            to: 'UIT',
            kind: 'escalate',
            reason: 'x',
          },
          2,
        ),
      );
    }
    events.push(
      h.procedure(
        ProcedureEvents.TicketResolved,
        { ...step(600, area, 'resuelto'), verifiedWithRequester: true, solution: 'Listo' },
        2,
      ),
      h.procedure(
        ProcedureEvents.TicketClosed,
        { ...step(700, area, 'cerrado'), resolutionBusinessMinutes: 300 + i, resolutionCalendarMinutes: 700 },
        3,
      ),
      h.procedure(ProcedureEvents.SurveyAnswered, { ...t, at: at(800), satisfaction: 'satisfecho' }, 4),
    );
    if (i % 5 === 0) {
      events.push(h.procedure(ProcedureEvents.TicketReopened, { ...step(900, area, 'en_curso'), reason: 'sigue' }, 5));
    }
    return events;
  }

  /** Every read-model row, in a fixed order (the timeline's arrival counter is only a tie-breaker). */
  async function readModels(): Promise<Record<string, unknown[]>> {
    const rows = async (sql: string) => (await h.db.query(sql)).rows;
    return {
      view: await rows('SELECT * FROM reporting.ticket_view ORDER BY ticket_id'),
      timeline: await rows(
        'SELECT event_id, ticket_id, at, type, by, area, summary_es, summary_en, details FROM reporting.ticket_timeline ORDER BY event_id',
      ),
      facts: await rows('SELECT * FROM reporting.ticket_facts ORDER BY ticket_id'),
      // Rows every figure of which came back to zero are left by the upkeep; a replay in another order may not.
      daily: await rows(
        `SELECT * FROM reporting.kpi_daily WHERE opened <> 0 OR responded <> 0 OR closed <> 0 OR overdue <> 0
           OR satisfecho + regular + insatisfecho <> 0 ORDER BY dimension, day, value NULLS LAST`,
      ),
      positions: await rows('SELECT * FROM reporting.event_positions ORDER BY ticket_id, source'),
    };
  }

  const startRebuild = (actor = admin) => h.rpc.request(ReportingRpc.StartRebuild, { actor });
  const status = (id: string) => h.rpc.request(ReportingRpc.RebuildStatus, { actor: admin, id });
  async function finished(id: string): Promise<ReadModelRebuildV1> {
    let last: ReadModelRebuildV1 | null = null;
    await waitFor(
      async () => {
        last = await status(id);
        return last.state !== 'running';
      },
      { what: 'rebuild finished', timeoutMs: 60_000 },
    );
    return last!;
  }
  const march = { from: '2025-03-01', to: '2025-04-01', granularity: 'month' } as const;

  it('rebuilds exactly what the live consumer built, and leaves no schema behind', async () => {
    const before = await readModels();
    expect(before.view).toHaveLength(tickets.length);
    const started = await startRebuild();
    expect(started.state).toBe('running');
    const done = await finished(started.id);
    expect(done).toMatchObject({ state: 'done', error: null });
    expect(done.replayedSeq).toBe(done.targetSeq);
    // Every event once: the five redelivered copies are recognised by their event id.
    expect(done.eventsApplied).toBe(before.timeline!.length);
    expect(await readModels()).toEqual(before);
    const schemas = await h.db.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'reporting\\_%'`);
    expect(schemas.rows).toEqual([]);
    // The swapped-in schema keeps working on its own: new events, the search column, the daily upkeep.
    const monitor = h.registration({ title: 'El monitor parpadea', registeredAt: '2025-03-05T13:00:00.000Z' });
    await h.feed(h.registered(monitor, 1, monitor.registeredAt));
    const found = await h.rpc.request(ReportingRpc.TicketList, {
      actor: admin,
      filters: { text: 'monitores' },
    });
    expect(found.items.map((t) => t.number)).toEqual([monitor.number]);
    tickets.push(monitor);
  });

  it('leaves out the events the read models already hold, looked up once for the live batch', async () => {
    const held = (await h.db.query<{ event_id: string }>('SELECT event_id FROM reporting.ticket_timeline LIMIT 1'))
      .rows[0]!.event_id;
    const unseen = randomUUID();
    const statements: string[] = [];
    const tx = {
      query: async (text: string, parameters?: unknown[]) => {
        statements.push(text);
        return (await h.db.query(text, parameters)).rows;
      },
    } as unknown as EntityManager;
    const repository = new RebuildRepository({ schema: 'reporting' } as ServiceRuntime);
    const batch = new BatchScope([held, unseen]);
    expect(await repository.admit(held.toUpperCase(), tx, batch)).toBe(false);
    expect(await repository.admit(unseen, tx, batch)).toBe(true);
    // The swap's shared lock and one look-up, for the whole batch.
    expect(statements).toHaveLength(2);
  });

  it('keeps answering queries during a rebuild, and applies events arriving meanwhile once', async () => {
    const kpisBefore = await h.rpc.request(ReportingRpc.Kpis, { actor: admin, ...march });
    const reopenedTicket = tickets[0]!;
    const countBefore = (
      await h.db.query('SELECT reopened_count FROM reporting.ticket_view WHERE ticket_id = $1', [
        reopenedTicket.ticketId,
      ])
    ).rows[0].reopened_count as number;
    const rebuild = await startRebuild();
    // A second request while it runs gets the same rebuild, never a second one.
    expect((await startRebuild()).id).toBe(rebuild.id);
    const late = h.registration({ registeredAt: '2025-03-20T13:00:00.000Z', jurisdiction: 'TARDE' });
    const lateEvents = [
      h.registered(late, 1, late.registeredAt),
      h.procedure(
        ProcedureEvents.TicketReopened,
        {
          ticketId: reopenedTicket.ticketId,
          number: reopenedTicket.number,
          by: agent,
          at: '2025-03-29T10:00:00.000Z',
          area: 'UIT',
          status: 'en_curso',
          reason: 'otra vez',
        },
        10,
      ),
    ];
    for (const e of lateEvents) await h.publish(e);
    let answered = 0;
    let answeredWhileRunning = 0;
    for (;;) {
      const running = (await status(rebuild.id)).state === 'running';
      const [page, kpis] = await Promise.all([
        h.rpc.request(ReportingRpc.TicketList, {
          actor: admin,
          filters: { jurisdiction: 'JUR1' },
        }),
        h.rpc.request(ReportingRpc.Kpis, { actor: admin, ...march }),
      ]);
      expect(page.items).toHaveLength(8);
      expect(kpis.rows[0]!.closed).toBe(kpisBefore.rows[0]!.closed);
      answered++;
      if (!running) break;
      answeredWhileRunning++;
    }
    expect(answered).toBeGreaterThan(1);
    expect(answeredWhileRunning).toBeGreaterThan(0);
    expect(await finished(rebuild.id)).toMatchObject({ state: 'done' });
    await h.applied(...lateEvents);
    const reopened = await h.db.query<{ reopened_count: number; steps: number }>(
      `SELECT reopened_count, (SELECT count(*)::int FROM reporting.ticket_timeline t WHERE t.ticket_id = v.ticket_id
         AND t.type = 'ticket.reopened') AS steps
       FROM reporting.ticket_view v WHERE ticket_id = $1`,
      [reopenedTicket.ticketId],
    );
    expect(reopened.rows[0]).toEqual({ reopened_count: countBefore + 1, steps: countBefore + 1 });
    const listed = await h.rpc.request(ReportingRpc.TicketList, {
      actor: admin,
      filters: { jurisdiction: 'TARDE' },
    });
    expect(listed.items.map((t) => t.number)).toEqual([late.number]);
    const opened = await h.rpc.request(ReportingRpc.Kpis, { actor: admin, ...march });
    expect(opened.rows[0]!.opened).toBe(kpisBefore.rows[0]!.opened + 1);
    // And what the live consumer and the rebuild built together is again what a rebuild alone builds.
    const together = await readModels();
    expect(await finished((await startRebuild()).id)).toMatchObject({ state: 'done' });
    expect(await readModels()).toEqual(together);
  });

  it('runs from the command line, printing progress until swapped in', async () => {
    const before = await readModels();
    const cli = path.join(repoRoot(), 'services/reporting/dist/cli/reporting.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'rebuild'], {
      env: { ...process.env, ...h.infra.env },
    });
    expect(stdout).toMatch(/^rebuild [0-9a-f-]{36} started /);
    expect(stdout).toMatch(/\n100% {2}stream (\d+)\/\1 {2}events applied \d+\n/);
    expect(stdout).toMatch(/rebuild done at .*: \d+ events applied, swapped in\n$/);
    expect(await readModels()).toEqual(before);
  });

  it('is for administrators, and answers an unknown or malformed id clearly', async () => {
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: { payload?: unknown }) => error.payload,
      );
    expect(await refusal(startRebuild(staff('supervisor')))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(await refusal(status(randomUUID()))).toMatchObject({ code: ErrorCode.NotFound });
    expect(await refusal(status('x'))).toMatchObject({
      code: ErrorCode.Validation,
      fields: [expect.objectContaining({ field: 'id' })],
    });
  });
});
