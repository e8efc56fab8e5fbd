import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  ProcedureEvents,
  ReportingRpc,
  ServiceLevelEvents,
  type ActorV1,
  type Channel,
  type EventEnvelope,
  type Priority,
  type ServiceLevelChangedV1,
  type TicketSort,
  type TicketStatus,
  type TicketSummaryV1,
  type TicketType,
} from '@cau/contracts';
import { ReportingHarness, staff } from './support.js';

const HOUR = 3_600_000;
const me: ActorV1 = { ...staff('agent'), area: 'UIT' };
const colleague = { accountId: randomUUID(), name: 'Bruno Colega', role: 'agent' };
const mine = { accountId: me.accountId, name: me.name, role: 'agent' };

/** One ticket of the queues, as the events left it. */
interface Spec {
  key: string;
  area: string;
  priority: Priority;
  status: TicketStatus;
  assignee?: typeof mine;
  waiting?: boolean;
  overdue?: boolean;
  /** Resolution due this many hours from now (negative: passed); absent: no due date announced. */
  dueInHours?: number;
  registeredAt: string;
  channel?: Channel;
  type?: TicketType;
  category?: string;
}

// Registration times in UTC; the installation's zone is the harness default (UTC−3 in tests that use days).
const SPECS: Spec[] = [
  {
    key: 'mineSoon',
    area: 'UIT',
    priority: 'ALTA',
    status: 'en_curso',
    assignee: mine,
    dueInHours: 2,
    registeredAt: '2026-03-02T12:00:00.000Z',
  },
  // 23:00 on 2026-03-02 in Buenos Aires (UTC−3), already 2026-03-03 in UTC.
  {
    key: 'unassignedLate',
    area: 'UIT',
    priority: 'MEDIA',
    status: 'abierto',
    dueInHours: 10,
    registeredAt: '2026-03-03T02:00:00.000Z',
    channel: 'email',
  },
  {
    key: 'noDue',
    area: 'UIT',
    priority: 'BAJA',
    status: 'abierto',
    registeredAt: '2026-03-04T12:00:00.000Z',
    type: 'solicitud',
  },
  {
    key: 'overdue',
    area: 'UIT',
    priority: 'ALTA',
    status: 'en_curso',
    assignee: colleague,
    overdue: true,
    dueInHours: -1,
    registeredAt: '2026-03-01T12:00:00.000Z',
  },
  {
    key: 'waiting',
    area: 'L1',
    priority: 'MEDIA',
    status: 'en_curso',
    assignee: mine,
    waiting: true,
    registeredAt: '2026-03-05T12:00:00.000Z',
    channel: 'portal',
  },
  {
    key: 'resolved',
    area: 'L1',
    priority: 'BAJA',
    status: 'resuelto',
    assignee: mine,
    dueInHours: 3,
    registeredAt: '2026-02-20T12:00:00.000Z',
    category: 'impresoras',
  },
  {
    key: 'closed',
    area: 'UIT',
    priority: 'MEDIA',
    status: 'cerrado',
    assignee: colleague,
    dueInHours: -48,
    registeredAt: '2026-02-10T12:00:00.000Z',
  },
  {
    key: 'closedLate',
    area: 'UIT',
    priority: 'ALTA',
    status: 'cerrado',
    assignee: mine,
    overdue: true,
    dueInHours: -30,
    registeredAt: '2026-02-11T12:00:00.000Z',
  },
  {
    key: 'adtSoon',
    area: 'ADT',
    priority: 'MEDIA',
    status: 'abierto',
    dueInHours: 1,
    registeredAt: '2026-03-06T12:00:00.000Z',
  },
  {
    key: 'uitSameDue',
    area: 'UIT',
    priority: 'MEDIA',
    status: 'abierto',
    dueInHours: 10,
    registeredAt: '2026-03-06T13:00:00.000Z',
  },
];

describe('reporting: the desk console’s queues (filters, orders, keyset paging, service level)', () => {
  let h: ReportingHarness;
  const numberOf: Record<string, number> = {};
  const idOf: Record<string, string> = {};
  const dueOf: Record<string, string | null> = {};
  const now = Date.now();

  const zoneBefore = process.env.CAU_TIME_ZONE;

  beforeAll(async () => {
    // Days in date filters are days of the installation's zone (read from the environment at start).
    process.env.CAU_TIME_ZONE = 'America/Argentina/Buenos_Aires';
    h = await ReportingHarness.start('reportingqueues');
    const events: EventEnvelope[] = [];
    for (const spec of SPECS) {
      const registration = h.registration({
        registeredAt: spec.registeredAt,
        channel: spec.channel ?? 'telefono',
        type: spec.type ?? 'incidente',
        category: spec.category ?? 'correo',
        requester: { email: `${spec.key.toLowerCase()}@salud.gob`, name: spec.key },
      });
      numberOf[spec.key] = registration.number;
      idOf[spec.key] = registration.ticketId;
      const t = { ticketId: registration.ticketId, number: registration.number };
      const at = new Date(Date.parse(spec.registeredAt) + 60_000).toISOString();
      events.push(
        h.registered(registration, 1, spec.registeredAt),
        h.routed(
          h.routing(registration, { priority: spec.priority, area: spec.area, routedAt: spec.registeredAt }),
          1,
          spec.registeredAt,
        ),
      );
      let sequence = 1;
      const step = { ...t, by: spec.assignee ?? colleague, at, area: spec.area };
      if (spec.assignee) {
        events.push(
          h.procedure(
            ProcedureEvents.TicketTaken,
            { ...step, status: 'en_curso', assignee: spec.assignee },
            sequence++,
          ),
        );
      }
      if (spec.waiting) {
        events.push(
          h.procedure(ProcedureEvents.WaitingOnRequester, { ...step, status: 'en_curso', waiting: true }, sequence++),
        );
      }
      if (spec.status === 'resuelto' || spec.status === 'cerrado') {
        events.push(
          h.procedure(
            ProcedureEvents.TicketResolved,
            { ...step, status: 'resuelto', verifiedWithRequester: true, solution: 'Listo' },
            sequence++,
          ),
        );
      }
      if (spec.status === 'cerrado') {
        events.push(
          h.procedure(
            ProcedureEvents.TicketClosed,
            { ...step, status: 'cerrado', resolutionBusinessMinutes: 60, resolutionCalendarMinutes: 60 },
            sequence++,
          ),
        );
      }
      const due = spec.dueInHours === undefined ? null : new Date(now + spec.dueInHours * HOUR).toISOString();
      dueOf[spec.key] = due;
      if (due !== null) {
        events.push(
          h.envelope(
            ServiceLevelEvents.ServiceLevelChanged,
            'resolution',
            {
              ...t,
              area: spec.area,
              priority: spec.priority,
              responseDueAt: spec.registeredAt,
              resolutionDueAt: due,
              respondedAt: spec.assignee ? at : null,
              resolvedAt: null,
              at,
            },
            sequence++,
            at,
          ),
        );
      }
      if (spec.overdue) {
        events.push(
          h.envelope(
            ProcedureEvents.SlaBreached,
            'resolution',
            { ...t, area: spec.area, target: 'resolution', dueAt: at, detectedAt: at },
            sequence,
            at,
          ),
        );
      }
    }
    await h.feed(...events);
  });

  afterAll(async () => {
    await h?.stop();
    if (zoneBefore === undefined) delete process.env.CAU_TIME_ZONE;
    else process.env.CAU_TIME_ZONE = zoneBefore;
  });

  const list = (filters: Record<string, unknown>, actor: ActorV1 = me) =>
    h.rpc.request(ReportingRpc.TicketList, { actor, filters: { limit: 100, ...filters } });
  const keys = async (filters: Record<string, unknown>, actor?: ActorV1) => {
    const byNumber = new Map(Object.entries(numberOf).map(([key, number]) => [number, key]));
    return (await list(filters, actor)).items.map((t) => byNumber.get(t.number));
  };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: { payload?: unknown }) => error.payload,
    );
  /** Every page of an order, following `nextCursor`: the tickets in the order read, each once. */
  const walk = async (filters: Record<string, unknown>, limit: number, actor?: ActorV1) => {
    const seen: TicketSummaryV1[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await list({ ...filters, limit, ...(cursor ? { cursor } : {}) }, actor);
      seen.push(...page.items);
      if (page.nextCursor === null) return seen;
      expect(page.items).toHaveLength(limit);
      cursor = page.nextCursor;
    }
    throw new Error('the paging does not end');
  };

  describe('rows', () => {
    it('carry the assignee, the waiting flag, impact and urgency, and the service level last announced', async () => {
      const [row] = (await list({ assignee: 'me', status: 'en_curso', area: 'UIT' })).items;
      expect(row).toMatchObject({
        number: numberOf.mineSoon,
        assigneeId: me.accountId,
        assigneeName: me.name,
        waitingOnRequester: false,
        impact: 'medio',
        urgency: 'alta',
        responseDueAt: '2026-03-02T12:00:00.000Z',
        resolutionDueAt: dueOf.mineSoon,
        respondedAt: '2026-03-02T12:01:00.000Z',
      });
    });

    it('keep the newest announcement when an older one arrives late, and touch the ticket’s last change', async () => {
      const registration = h.registration({ registeredAt: '2026-04-01T12:00:00.000Z' });
      const t = { ticketId: registration.ticketId, number: registration.number };
      const level = (resolutionDueAt: string | null, at: string): ServiceLevelChangedV1 => ({
        ...t,
        area: 'UIT',
        priority: 'ALTA',
        responseDueAt: null,
        resolutionDueAt,
        respondedAt: null,
        resolvedAt: null,
        at,
      });
      const newer = h.envelope(
        ServiceLevelEvents.ServiceLevelChanged,
        'resolution',
        level('2026-04-01T16:00:00.000Z', '2026-04-01T12:05:00.000Z'),
        3,
        '2026-04-01T12:05:00.000Z',
      );
      const older = h.envelope(
        ServiceLevelEvents.ServiceLevelChanged,
        'resolution',
        level('2026-04-02T16:00:00.000Z', '2026-04-01T12:01:00.000Z'),
        2,
        '2026-04-01T12:01:00.000Z',
      );
      await h.feed(h.registered(registration, 1, '2026-04-01T12:00:00.000Z'), newer, older);
      const [row] = (await list({ requester: 'ana.perez@salud.gob', registeredFrom: '2026-04-01' }, staff())).items;
      expect(row).toMatchObject({
        number: t.number,
        resolutionDueAt: '2026-04-01T16:00:00.000Z',
        updatedAt: '2026-04-01T12:05:00.000Z',
      });
      // A service-level event is state, not a step: the path shows only the registration.
      const steps = await h.db.query('SELECT type FROM reporting.ticket_timeline WHERE ticket_id = $1', [t.ticketId]);
      expect(steps.rows.map((r) => r.type)).toEqual(['ticket.registered']);
    });
  });

  describe('reclassification', () => {
    it('takes type, category, impact, urgency and priority, and neither an older routing nor a late registration undoes it', async () => {
      const registration = h.registration({ registeredAt: '2026-04-10T12:00:00.000Z', category: 'correo' });
      const t = { ticketId: registration.ticketId, number: registration.number };
      const reclassified = h.procedure(
        ProcedureEvents.TicketReclassified,
        {
          ...t,
          by: { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' },
          at: '2026-04-10T12:30:00.000Z',
          area: 'ACGII',
          previous: { type: 'incidente', category: 'correo', impact: 'medio', urgency: 'alta', priority: 'MEDIA' },
          current: {
            type: 'incidente_seguridad',
            category: 'malware',
            impact: 'alto',
            urgency: 'alta',
            priority: 'ALTA',
          },
          reason: 'Es un incidente de seguridad',
        },
        2,
      );
      const routed = h.routed(
        h.routing(registration, { priority: 'MEDIA', area: 'L1', routedAt: '2026-04-10T12:01:00.000Z' }),
        1,
      );
      // The reclassification first, then what happened before it.
      await h.feed(reclassified, routed, h.registered(registration, 1, '2026-04-10T12:00:00.000Z'));
      const [row] = (
        await list({ registeredFrom: '2026-04-10T12:00:00Z', registeredTo: '2026-04-10T12:00:00Z' }, staff())
      ).items;
      expect(row).toMatchObject({
        number: t.number,
        type: 'incidente_seguridad',
        category: 'malware',
        impact: 'alto',
        urgency: 'alta',
        priority: 'ALTA',
        area: 'ACGII',
        title: registration.title,
      });
      expect(await keys({ type: 'incidente_seguridad', category: 'malware' }, staff())).toHaveLength(1);
      const steps = await h.db.query(
        'SELECT type, area FROM reporting.ticket_timeline WHERE ticket_id = $1 ORDER BY at',
        [t.ticketId],
      );
      expect(steps.rows.map((r) => r.type)).toEqual(['ticket.registered', 'ticket.routed', 'ticket.reclassified']);
    });
  });

  describe('filters', () => {
    it('takes several statuses at once', async () => {
      expect(await keys({ area: 'UIT', status: ['abierto', 'en_curso'], sort: 'oldest' })).toEqual([
        'mineSoon',
        'unassignedLate',
        'noDue',
        'overdue',
        'uitSameDue',
      ]);
      expect(await keys({ status: 'resuelto' })).toEqual(['resolved']);
    });

    it('finds what is assigned to me, to nobody, or to an account', async () => {
      expect(await keys({ assignee: 'me', status: ['abierto', 'en_curso', 'resuelto'] })).toEqual(
        ['resolved', 'waiting', 'mineSoon'].sort((a, b) => numberOf[b]! - numberOf[a]!),
      );
      expect(await keys({ assignee: 'none', area: 'UIT' })).toEqual(['uitSameDue', 'noDue', 'unassignedLate']);
      expect(await keys({ assignee: colleague.accountId.toUpperCase() })).toEqual(
        ['closed', 'overdue'].sort((a, b) => numberOf[b]! - numberOf[a]!),
      );
    });

    it('finds con atraso tickets, and those about to be', async () => {
      expect(await keys({ overdue: true, status: ['abierto', 'en_curso'] })).toEqual(['overdue']);
      expect(await keys({ overdue: true, sort: 'oldest' })).toEqual(
        ['overdue', 'closedLate'].sort((a, b) => numberOf[a]! - numberOf[b]!),
      );
      // Due within 4 hours and not passed; the resolved ticket's target is met, the passed one is overdue.
      expect(await keys({ dueWithinHours: 4, sort: 'due' })).toEqual(['adtSoon', 'mineSoon']);
      expect(await keys({ dueWithinHours: 12, area: 'UIT', sort: 'due' })).toEqual([
        'mineSoon',
        'unassignedLate',
        'uitSameDue',
      ]);
    });

    it('filters by waiting on the requester, type, category and channel', async () => {
      expect(await keys({ waitingOnRequester: true })).toEqual(['waiting']);
      expect(await keys({ waitingOnRequester: false, area: 'L1' })).toEqual(['resolved']);
      expect(await keys({ type: 'solicitud' })).toEqual(['noDue']);
      expect(await keys({ category: 'impresoras' })).toEqual(['resolved']);
      expect(await keys({ channel: 'portal' })).toEqual(['waiting']);
    });

    it('counts days in the installation’s time zone, bounds included, and instants as given', async () => {
      // 2026-03-02 in Buenos Aires runs from 03:00 UTC to 03:00 UTC the next day: 23:00 local is still in it.
      expect((await keys({ registeredFrom: '2026-03-02', registeredTo: '2026-03-02' })).sort()).toEqual([
        'mineSoon',
        'unassignedLate',
      ]);
      expect(await keys({ registeredFrom: '2026-03-03', registeredTo: '2026-03-03' })).toEqual([]);
      expect(
        (await keys({ registeredFrom: '2026-03-02T00:00:00-03:00', registeredTo: '2026-03-02T23:59:59-03:00' })).sort(),
      ).toEqual(['mineSoon', 'unassignedLate']);
      expect(await keys({ registeredFrom: '2026-03-03T00:00:00Z', registeredTo: '2026-03-03T02:00:00Z' })).toEqual([
        'unassignedLate',
      ]);
      expect(await keys({ registeredFrom: '2026-02-01', registeredTo: '2026-02-15', sort: 'oldest' })).toEqual([
        'closed',
        'closedLate',
      ]);
      expect(await keys({ registeredTo: '2026-02-10', sort: 'oldest' })).toEqual(['closed']);
    });

    it('finds what changed since a moment', async () => {
      expect(await keys({ updatedSince: '2026-03-06T12:00:00Z', registeredTo: '2026-03-31' })).toEqual([
        'uitSameDue',
        'adtSoon',
      ]);
    });

    it('keeps the visibility rules under any filter: a requester sees only their own', async () => {
      const requester: ActorV1 = { accountId: randomUUID(), role: 'requester', email: 'waiting@salud.gob', name: 'W' };
      expect(await keys({}, requester)).toEqual(['waiting']);
      expect(await keys({ assignee: 'none' }, requester)).toEqual([]);
      expect(await keys({ status: ['abierto', 'en_curso'], sort: 'due' }, requester)).toEqual(['waiting']);
    });
  });

  describe('orders, each paged by keyset', () => {
    const expectEachOnce = (rows: TicketSummaryV1[]) =>
      expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);

    it.each([1, 2, 3])(
      'walks the due order (soonest first, none last, ties by number) in pages of %i',
      async (limit) => {
        const rows = await walk({ registeredTo: '2026-03-31', sort: 'due' }, limit);
        expectEachOnce(rows);
        const expected = [...SPECS]
          .sort((a, b) => {
            const da = dueOf[a.key] ? Date.parse(dueOf[a.key]!) : Infinity;
            const db = dueOf[b.key] ? Date.parse(dueOf[b.key]!) : Infinity;
            return da === db ? numberOf[a.key]! - numberOf[b.key]! : da - db;
          })
          .map((s) => numberOf[s.key]);
        expect(rows.map((r) => r.number)).toEqual(expected);
      },
    );

    it.each([1, 4])(
      'walks the priority order (ALTA first, the longest waiting first) in pages of %i',
      async (limit) => {
        const rows = await walk({ registeredTo: '2026-03-31', sort: 'priority' }, limit);
        expectEachOnce(rows);
        const rank = { ALTA: 1, MEDIA: 2, BAJA: 3 };
        const expected = [...SPECS]
          .sort((a, b) => rank[a.priority] - rank[b.priority] || numberOf[a.key]! - numberOf[b.key]!)
          .map((s) => numberOf[s.key]);
        expect(rows.map((r) => r.number)).toEqual(expected);
      },
    );

    it.each([1, 3])('walks the updated order (latest change first) in pages of %i', async (limit) => {
      const rows = await walk({ sort: 'updated' }, limit);
      expectEachOnce(rows);
      const oracle = await h.db.query(
        'SELECT number FROM reporting.ticket_view WHERE number IS NOT NULL ORDER BY updated_at DESC, number DESC',
      );
      expect(rows.map((r) => r.number)).toEqual(oracle.rows.map((r) => Number(r.number)));
    });

    it('walks newest and oldest by cursor, newest also by `before`', async () => {
      const newest = await walk({ sort: 'newest' }, 3);
      expectEachOnce(newest);
      expect(newest.map((r) => r.number)).toEqual([...newest.map((r) => r.number)].sort((a, b) => b - a));
      const oldest = await walk({ sort: 'oldest' }, 4);
      expect(oldest.map((r) => r.number)).toEqual([...newest.map((r) => r.number)].reverse());
      const first = await list({ limit: 3 });
      expect(first.nextBefore).toBe(first.items[2]!.number);
      const byBefore = await list({ limit: 3, before: first.nextBefore });
      const byCursor = await list({ limit: 3, cursor: first.nextCursor });
      expect(byBefore).toEqual(byCursor);
      expect((await list({ limit: 3, sort: 'due' })).nextBefore).toBeNull();
    });

    it('walks a filtered queue: my area’s open tickets by due date', async () => {
      const rows = await walk({ area: 'UIT', status: ['abierto', 'en_curso'], sort: 'due' }, 2);
      const byNumber = new Map(Object.entries(numberOf).map(([key, number]) => [number, key]));
      expect(rows.map((r) => byNumber.get(r.number))).toEqual([
        'overdue',
        'mineSoon',
        'unassignedLate',
        'uitSameDue',
        'noDue',
      ]);
    });
  });

  describe('bad input', () => {
    const cursorOf = async (sort: TicketSort) => (await list({ sort, limit: 1 })).nextCursor!;

    it.each([
      ['an unknown status among several', { status: ['abierto', 'pendiente'] }, 'filters.status'],
      ['an empty status list', { status: [] }, 'filters.status'],
      ['an assignee that is neither me, none nor an id', { assignee: 'juan' }, 'filters.assignee'],
      ['overdue that is not a boolean', { overdue: 'yes' }, 'filters.overdue'],
      ['dueWithinHours of 0', { dueWithinHours: 0 }, 'filters.dueWithinHours'],
      ['dueWithinHours beyond 30 days', { dueWithinHours: 721 }, 'filters.dueWithinHours'],
      ['waitingOnRequester that is not a boolean', { waitingOnRequester: 1 }, 'filters.waitingOnRequester'],
      ['an unknown type', { type: 'queja' }, 'filters.type'],
      ['an unknown channel', { channel: 'fax' }, 'filters.channel'],
      ['a day that does not exist', { registeredFrom: '2026-02-30' }, 'filters.registeredFrom'],
      ['an instant without its zone', { registeredTo: '2026-02-03T10:00:00' }, 'filters.registeredTo'],
      ['a moment that is not a date', { updatedSince: 'ayer' }, 'filters.updatedSince'],
      [
        'a range that ends before it starts',
        { registeredFrom: '2026-03-02', registeredTo: '2026-03-01' },
        'filters.registeredTo',
      ],
      ['an unknown order', { sort: 'title' }, 'filters.sort'],
      ['a cursor that is not ours', { cursor: 'abc' }, 'filters.cursor'],
      ['`before` with another order', { sort: 'due', before: 5 }, 'filters.before'],
    ])('refuses %s, naming the field', async (_what, filters, field) => {
      expect(await refusal(list(filters))).toMatchObject({
        code: ErrorCode.Validation,
        fields: [expect.objectContaining({ field })],
      });
    });

    it('refuses a cursor of another order, and `before` beside a cursor', async () => {
      const due = await cursorOf('due');
      expect(await refusal(list({ sort: 'updated', cursor: due }))).toMatchObject({
        fields: [{ field: 'filters.cursor', constraint: 'listCursor' }],
      });
      expect(await refusal(list({ cursor: await cursorOf('newest'), before: 3 }))).toMatchObject({
        fields: [{ field: 'filters.before', constraint: 'notWith', params: ['cursor'] }],
      });
    });
  });
});
