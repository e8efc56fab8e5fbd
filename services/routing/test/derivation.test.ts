import {
  ErrorCode,
  RoutingRpc,
  type ActorV1,
  type Refusal,
  type TicketDerivedV1,
  type DerivationKind,
} from '@cau/contracts';
import { waitFor } from '@cau/testing';
import pg from 'pg';
import { RoutingHarness, actor } from './support.js';

const operator = actor('operator');
const supervisor = actor('supervisor');
const agentOf = (area: string) => actor('agent', { area });

describe('routing: derivations along the escalation graph', () => {
  let h: RoutingHarness;

  beforeAll(async () => {
    h = await RoutingHarness.start('routing-derive');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const derive = (by: ActorV1, number: number, to: string, reason: string, kind?: DerivationKind) =>
    h.request(RoutingRpc.Derive, {
      actor: by,
      number,
      body: { to, reason, ...(kind ? { kind } : {}) },
    });
  const locate = (number: number) => h.request(RoutingRpc.Locate, { actor: operator, number });
  const path = (number: number, by: ActorV1 = operator) => h.request(RoutingRpc.Path, { actor: by, number });

  it('locates a routed ticket at the entry area with its priority', async () => {
    const ticket = await h.register({ impact: 'bajo', urgency: 'baja' });
    expect(await locate(ticket.number)).toEqual({
      ticketId: ticket.ticketId,
      number: ticket.number,
      area: 'L1',
      priority: 'BAJA',
      sequence: 1, // `ticket.routed` was routing's first event for it
    });
  });

  type Hop = [by: ActorV1, to: string, kind: TicketDerivedV1['kind']];
  it.each<[string, Hop[]]>([
    [
      '9.2 via UPAT: L1 → UIT → UPAT → UIT → L1',
      [
        [operator, 'UIT', 'escalate'],
        [agentOf('UIT'), 'UPAT', 'escalate'],
        [agentOf('UPAT'), 'UIT', 'coordinate'],
        [agentOf('UIT'), 'L1', 'return'],
      ],
    ],
    [
      '9.2 via ACGII: L1 → UIT → ACGII → UIT → L1',
      [
        [operator, 'UIT', 'escalate'],
        [agentOf('UIT'), 'ACGII', 'escalate'],
        [agentOf('ACGII'), 'UIT', 'coordinate'],
        [supervisor, 'L1', 'return'],
      ],
    ],
    [
      '9.3 at ADT: L1 → ADT → L1',
      [
        [operator, 'ADT', 'escalate'],
        [agentOf('ADT'), 'L1', 'return'],
      ],
    ],
    [
      '9.3 via UPAT: L1 → ADT → UPAT → UIT → L1',
      [
        [operator, 'ADT', 'escalate'],
        [agentOf('ADT'), 'UPAT', 'escalate'],
        [agentOf('UPAT'), 'UIT', 'coordinate'],
        [agentOf('UIT'), 'L1', 'return'],
      ],
    ],
  ])('records the procedure path %s with who, when and why', async (_name, hops) => {
    const ticket = await h.register();
    let from = 'L1';
    const derivations: TicketDerivedV1[] = [];
    for (const [i, [by, to, kind]] of hops.entries()) {
      const derivation = await derive(by, ticket.number, to, `paso ${i + 1}: ${from} a ${to}`);
      expect(derivation).toEqual({
        derivationId: expect.any(String),
        ticketId: ticket.ticketId,
        number: ticket.number,
        from,
        to,
        kind,
        reason: `paso ${i + 1}: ${from} a ${to}`,
        by: { accountId: by.accountId, name: by.name, role: by.role, email: by.email },
        at: expect.any(String),
      });
      expect((await locate(ticket.number)).area).toBe(to);
      derivations.push(derivation);
      from = to;
    }

    const recorded = await path(ticket.number);
    expect(recorded.area).toBe('L1');
    expect(recorded.steps[0]).toMatchObject({ derivationId: null, from: null, to: 'L1', kind: 'routed', by: null });
    expect(recorded.steps.slice(1)).toEqual(
      derivations.map(({ derivationId, from, to, kind, reason, by, at }) => ({
        derivationId,
        from,
        to,
        kind,
        reason,
        by,
        at,
      })),
    );
    const times = recorded.steps.map((s) => Date.parse(s.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // routed, then one event per derivation: subjects end in the target area.
    const events = await h.eventsWhenThere(ticket.ticketId, hops.length + 1);
    expect(events.map((e) => [e.type, e.subject])).toEqual([
      ['ticket.routed', h.eventSubject('ticket.routed', 'L1')],
      ...hops.map(([, to, kind]) => {
        const type = kind === 'return' ? 'ticket.solution-returned' : 'ticket.escalated';
        return [type, h.eventSubject(type, to)];
      }),
    ]);
    expect(events.slice(1).map((e) => e.data)).toEqual(derivations);
  });

  it('refuses an edge the graph does not have, naming the allowed targets, and changes nothing', async () => {
    const ticket = await h.register();
    const refusal = await h.refusal(RoutingRpc.Derive, {
      actor: supervisor,
      number: ticket.number,
      body: { to: 'UPAT', reason: 'directo a producción' },
    });
    expect(refusal.payload).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'routing.no-edge', params: { from: 'L1', to: 'UPAT', allowed: ['UIT', 'ADT'] } },
    });
    const wrongKind = await h.refusal(RoutingRpc.Derive, {
      actor: supervisor,
      number: ticket.number,
      body: { to: 'UIT', reason: 'devolución', kind: 'return' },
    });
    expect(wrongKind.payload).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'routing.wrong-kind', params: { from: 'L1', to: 'UIT', kind: 'return', allowed: [] } },
    });
    expect((await locate(ticket.number)).area).toBe('L1');
    expect((await path(ticket.number)).steps).toHaveLength(1);

    // The next event after the refusals is the accepted derivation: the refusals emitted nothing.
    await derive(operator, ticket.number, 'UIT', 'disponibilidad', 'escalate');
    const events = await h.eventsWhenThere(ticket.ticketId, 2);
    expect(events.map((e) => e.type)).toEqual(['ticket.routed', 'ticket.escalated']);
  });

  it('lets only the area holding the ticket, L1 operators at L1 and supervisors derive it', async () => {
    const ticket = await h.register();
    await derive(operator, ticket.number, 'UIT', 'servicio caído');
    const attempts: Array<[ActorV1, string, Refusal]> = [
      [agentOf('ADT'), 'UPAT', { code: 'routing.agent-own-area-derive', params: { ownArea: 'ADT', area: 'UIT' } }],
      [operator, 'L1', { code: 'routing.operator-entry-area-only', params: { entryArea: 'L1', area: 'UIT' } }],
      [actor('requester', { email: 'ana.perez@salud.gob' }), 'L1', { code: 'routing.requesters-do-not-derive' }],
      [actor('referente', { jurisdiction: 'SALUD' }), 'L1', { code: 'routing.requesters-do-not-derive' }],
    ];
    for (const [by, to, expected] of attempts) {
      const refusal = await h.refusal(RoutingRpc.Derive, {
        actor: by,
        number: ticket.number,
        body: { to, reason: 'intento' },
      });
      expect(refusal.payload).toEqual({ code: ErrorCode.Forbidden, refusal: expected });
    }
    expect((await locate(ticket.number)).area).toBe('UIT');
    expect((await path(ticket.number)).steps).toHaveLength(2);
  });

  it('answers NOT_FOUND for a ticket routing has not seen', async () => {
    for (const subject of [RoutingRpc.Locate, RoutingRpc.Path, RoutingRpc.Suggest]) {
      const refusal = await h.refusal(subject, { actor: operator, number: 999_999 });
      expect(refusal.payload).toEqual({ code: ErrorCode.NotFound, params: { resource: 'ticket', id: 999_999 } });
    }
    const refusal = await h.refusal(RoutingRpc.Derive, {
      actor: operator,
      number: 999_999,
      body: { to: 'UIT', reason: 'x' },
    });
    expect(refusal.payload.code).toBe(ErrorCode.NotFound);
  });

  it('refuses a malformed command field by field', async () => {
    const ticket = await h.register();
    const refusal = await h.refusal(RoutingRpc.Derive, {
      actor: operator,
      number: ticket.number,
      body: { to: 'uit', reason: '   ', kind: 'saltar' },
    });
    expect(refusal.payload.code).toBe(ErrorCode.Validation);
    // Every problem at once, the blank reason included (contracts treat text of spaces as empty).
    expect(refusal.payload.fields?.map((f) => f.field).sort()).toEqual(['body.kind', 'body.reason', 'body.to']);
    const blank = await h.refusal(RoutingRpc.Derive, {
      actor: operator,
      number: ticket.number,
      body: { to: 'UIT', reason: '   ' },
    });
    expect(blank.payload).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'body.reason', constraint: 'isNotEmpty' }],
    });
  });

  it('lets one of two concurrent derivations from the same area win; the other gets CONFLICT', async () => {
    for (const targets of [
      ['UIT', 'ADT'],
      ['UIT', 'UIT'],
    ]) {
      const ticket = await h.register();
      // Hold the ticket's row so both derivations are in flight, having seen it in L1, before either runs.
      const holder = new pg.Client({ connectionString: h.infra.database.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM routing.tickets WHERE number = $1 FOR UPDATE', [ticket.number]);
      const racing = Promise.allSettled(
        targets.map((to) => derive(actor('supervisor'), ticket.number, to, `carrera hacia ${to}`)),
      );
      await waitFor(
        async () => {
          // The lock is taken by a built query, whose keywords are lower case.
          const waiting = await h.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%for update'`,
          );
          return waiting.rows[0]!.n === 2;
        },
        { what: 'both derivations waiting for the ticket lock' },
      );
      await holder.query('COMMIT');
      await holder.end();
      const outcomes = await racing;
      const won = outcomes.filter((o): o is PromiseFulfilledResult<TicketDerivedV1> => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason.payload).toMatchObject({ code: ErrorCode.Conflict });
      expect(lost[0]!.reason.payload.refusal).toMatchObject({ params: { from: won[0]!.value.to } });
      const recorded = await path(ticket.number);
      expect(recorded.steps.map((s) => [s.from, s.to])).toEqual([
        [null, 'L1'],
        ['L1', won[0]!.value.to],
      ]);
    }
  });

  it('shows the path to the requester of the ticket and to the referente of its jurisdiction only', async () => {
    const ticket = await h.register({ requester: { email: 'Juan.Gomez@Salud.gob', name: 'Juan Gómez' } });
    await derive(operator, ticket.number, 'ADT', 'pantalla de alta');
    const own = await path(ticket.number, actor('requester', { email: 'juan.gomez@salud.gob' }));
    expect(own.steps.map((s) => s.to)).toEqual(['L1', 'ADT']);
    expect((await path(ticket.number, actor('referente', { jurisdiction: 'SALUD' }))).area).toBe('ADT');
    for (const other of [actor('requester'), actor('referente', { jurisdiction: 'EDUCACION' })]) {
      const refusal = await h.refusal(RoutingRpc.Path, { actor: other, number: ticket.number });
      expect(refusal.payload.code).toBe(ErrorCode.Forbidden);
    }
    const locateRefusal = await h.refusal(RoutingRpc.Locate, { actor: actor('requester'), number: ticket.number });
    expect(locateRefusal.payload.code).toBe(ErrorCode.Forbidden);
  });
});
