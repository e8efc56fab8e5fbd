import { Injectable } from '@nestjs/common';
import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Priority, TicketStatus } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { compiledOnce, execute, fetchFirst, fetchRows } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';
import type { DB, Tickets } from '../rows.generated.js';
import type { Pause } from '../sla/due-dates.js';
import type { ServiceLevelFacts, ServiceLevelState } from '../sla/service-level.js';
import type { TicketChanges, TicketRecord } from '../domain/ticket-record.js';

type TicketRow = Selectable<Tickets>;

/** What the SLA clocks of one ticket are computed from. */
export interface SlaFacts {
  ticketId: string;
  start: Date | null;
  priority: Priority | null;
  jurisdiction: string | null;
  service: string | null;
  pauses: Pause[];
}

/** What the service-level answer needs: who may read it, and the ticket's targets and milestones. */
export interface ServiceLevelRow {
  number: number;
  status: TicketStatus;
  area: string | null;
  requesterEmail: string | null;
  jurisdiction: string | null;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  responseMetAt: Date | null;
  resolvedAt: Date | null;
}

/** A ticket's service level as it stands, and as it was last announced (null: never). */
export interface AnnouncedServiceLevelRow extends ServiceLevelFacts {
  ticketId: string;
  number: number;
  area: string | null;
  announced: ServiceLevelState | null;
}

/** What resolution keeps of a ticket's registration. */
export interface TicketRegistrationRow {
  ticketId: string;
  number: number;
  requesterEmail: string;
  requesterId: string;
  requesterName: string;
  jurisdiction: string;
  service: string | null;
  title: string;
  registeredAt: Date;
}

/** A routing to apply: its priority unless `priority` is left out, its entry area only when `area` is given. */
export interface TicketRoutingRow {
  ticketId: string;
  number: number;
  priority?: Priority | null;
  routedAt: Date;
  area?: string;
}

export interface DueDatesRow {
  ticketId: string;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/** Resolution's copy of each ticket and the lifecycle it owns, with its waits on the requester. */
// Built once (`compiledOnce`): every lifecycle action reads or locks its ticket, and Kysely's building of these
// cost more CPU than PostgreSQL's answer.
const ticketByNumber = compiledOnce((v: { number: string }) =>
  db.selectFrom('tickets').selectAll().where('number', '=', v.number),
);
const lockedTicketByNumber = compiledOnce((v: { number: string }) =>
  db.selectFrom('tickets').selectAll().where('number', '=', v.number).forUpdate(),
);
const lockedOrCreatedTicket = compiledOnce((v: { ticketId: string; number: number }) =>
  db
    .insertInto('tickets')
    .values({ ticket_id: v.ticketId, number: v.number })
    .onConflict((conflict) => conflict.column('ticket_id').doUpdateSet({ number: sql`tickets.number` }))
    .returningAll(),
);

@Injectable()
export class TicketRepository {
  constructor(private readonly runtime: ServiceRuntime) {}

  async findByNumber(
    number: number,
    tx: EntityManager = this.runtime.dataSource.manager,
  ): Promise<TicketRecord | null> {
    const row = await fetchFirst(tx, ticketByNumber({ number: String(number) }));
    return row ? toRecord(row) : null;
  }

  async serviceLevelByNumber(number: number): Promise<ServiceLevelRow | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      db
        .selectFrom('tickets')
        .select([
          'number',
          'status',
          'area',
          'requester_email',
          'jurisdiction',
          'response_due_at',
          'resolution_due_at',
          'response_met_at',
          'resolved_at',
        ])
        .where('number', '=', String(number)),
    );
    if (!row) return null;
    return {
      number: Number(row.number),
      status: row.status,
      area: row.area,
      requesterEmail: row.requester_email,
      jurisdiction: row.jurisdiction,
      responseDueAt: row.response_due_at,
      resolutionDueAt: row.resolution_due_at,
      responseMetAt: row.response_met_at,
      resolvedAt: row.resolved_at,
    };
  }

  /** The ticket, locked until the transaction ends: commands on one ticket run one after another. */
  async lockByNumber(tx: EntityManager, number: number): Promise<TicketRecord | null> {
    const row = await fetchFirst(tx, lockedTicketByNumber({ number: String(number) }));
    return row ? toRecord(row) : null;
  }

  /** The ticket locked as `lockByNumber` does, with what its service level is read from (the same row). */
  async lockWithServiceLevel(
    tx: EntityManager,
    number: number,
  ): Promise<{ ticket: TicketRecord; serviceLevel: AnnouncedServiceLevelRow } | null> {
    const row = await fetchFirst(tx, lockedTicketByNumber({ number: String(number) }));
    return row ? { ticket: toRecord(row), serviceLevel: toServiceLevelRow(row) } : null;
  }

  /**
   * Events may arrive in any order: the first one about a ticket creates its row, the others fill it in. One
   * statement creates or locks it (the no-op update takes the row lock, as `FOR UPDATE` would) and reads it.
   */
  async lockOrCreate(tx: EntityManager, ticketId: string, number: number): Promise<TicketRecord> {
    const row = await fetchFirst(tx, lockedOrCreatedTicket({ ticketId, number }));
    return toRecord(row!);
  }

  /**
   * Creates the tickets' rows with their registrations, or fills in the rows earlier-applied events created; one
   * statement for all of them (each ticket at most once).
   */
  async saveRegistrations(tx: EntityManager, registrations: readonly TicketRegistrationRow[]): Promise<void> {
    if (registrations.length === 0) return;
    // Sorted so two transactions lock the same rows in the same order.
    const rows = [...registrations].sort((a, b) => (a.ticketId < b.ticketId ? -1 : 1));
    const column = <T>(value: (row: TicketRegistrationRow) => T) => rows.map(value);
    const given = sql<Omit<Insertable<Tickets>, 'number'> & { number: string }>`unnest(
      ${column((r) => r.ticketId)}::uuid[], ${column((r) => String(r.number))}::bigint[],
      ${column((r) => r.requesterEmail)}::text[], ${column((r) => r.jurisdiction)}::text[],
      ${column((r) => r.title)}::text[], ${column((r) => r.registeredAt)}::timestamptz[],
      ${column((r) => r.requesterId)}::uuid[], ${column((r) => r.requesterName)}::text[],
      ${column((r) => r.service)}::text[])`.as<'r'>(
      sql`r (ticket_id, number, requester_email, jurisdiction, title, registered_at, requester_id, requester_name, service)`,
    );
    const filled = [
      'requester_email',
      'jurisdiction',
      'title',
      'registered_at',
      'requester_id',
      'requester_name',
      'service',
    ] as const;
    await execute(
      tx,
      db
        .insertInto('tickets')
        .columns(['ticket_id', 'number', ...filled])
        .expression((eb) =>
          eb.selectFrom(given).select(['r.ticket_id', 'r.number', ...filled.map((name) => `r.${name}` as const)]),
        )
        .onConflict((conflict) =>
          conflict.column('ticket_id').doUpdateSet((eb) => ({
            ...Object.fromEntries(filled.map((name) => [name, eb.ref(`excluded.${name}`)])),
            updated_at: sql`now()`,
          })),
        ),
    );
  }

  /**
   * The routings' priorities and times, and their entry areas where given (`moveToArea`'s rule), in two statements
   * for all of them (each ticket at most once): rows no earlier event created are created first.
   */
  async saveRoutings(tx: EntityManager, routings: readonly TicketRoutingRow[]): Promise<void> {
    if (routings.length === 0) return;
    const rows = [...routings].sort((a, b) => (a.ticketId < b.ticketId ? -1 : 1));
    const ids = rows.map((r) => r.ticketId);
    const created = sql<{ ticket_id: string; number: string }>`unnest(${ids}::uuid[], ${rows.map((r) =>
      String(r.number),
    )}::bigint[])`.as<'c'>(sql`c (ticket_id, number)`);
    await execute(
      tx,
      db
        .insertInto('tickets')
        .columns(['ticket_id', 'number'])
        .expression((eb) => eb.selectFrom(created).select(['c.ticket_id', 'c.number']))
        .onConflict((conflict) => conflict.column('ticket_id').doNothing()),
    );
    const given = sql<{
      ticket_id: string;
      sets_priority: boolean;
      priority: Priority | null;
      routed_at: Date;
      area: string | null;
    }>`unnest(${ids}::uuid[], ${rows.map((r) => r.priority !== undefined)}::boolean[], ${rows.map(
      (r) => r.priority ?? null,
    )}::text[], ${rows.map((r) => r.routedAt)}::timestamptz[], ${rows.map((r) => r.area ?? null)}::text[])`.as<'d'>(
      sql`d (ticket_id, sets_priority, priority, routed_at, area)`,
    );
    // An area moves the ticket, and ends the assignment when it is another (`areaChange`); no area keeps both.
    const moves = sql<boolean>`d.area IS NOT NULL AND t.area IS DISTINCT FROM d.area`;
    await execute(
      tx,
      db
        .updateTable('tickets as t')
        .from(given)
        .set((eb) => ({
          priority: sql`CASE WHEN d.sets_priority THEN d.priority::text ELSE t.priority END`,
          routed_at: eb.ref('d.routed_at'),
          area: eb.fn.coalesce('d.area', 't.area'),
          assignee_id: sql`CASE WHEN ${moves} THEN NULL ELSE t.assignee_id END`,
          assignee_name: sql`CASE WHEN ${moves} THEN NULL ELSE t.assignee_name END`,
          updated_at: sql`now()`,
        }))
        .whereRef('t.ticket_id', '=', 'd.ticket_id'),
    );
  }

  /** Moves the ticket to another area; whoever was assigned belonged to the old one, so the assignment ends. */
  async moveToArea(tx: EntityManager, ticketId: string, area: string): Promise<void> {
    await execute(
      tx,
      db
        .updateTable('tickets')
        .set((eb) => ({ ...areaChange(eb, area), updated_at: sql`now()` }))
        .where('ticket_id', '=', ticketId),
    );
  }

  async update(tx: EntityManager, ticketId: string, changes: TicketChanges): Promise<void> {
    const set: Updateable<Tickets> = {};
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.assignee !== undefined) {
      set.assignee_id = changes.assignee?.accountId ?? null;
      set.assignee_name = changes.assignee?.name ?? null;
    }
    if (changes.estimateMinutes !== undefined) set.estimate_minutes = changes.estimateMinutes;
    if (changes.solution !== undefined) {
      set.solution = changes.solution.text;
      set.solution_elements = changes.solution.elements;
      set.downtime_minutes = changes.solution.downtimeMinutes;
      set.solution_by = JSON.stringify(changes.solution.by);
      set.solution_at = changes.solution.at;
    }
    if (changes.articleRef !== undefined) set.article_ref = changes.articleRef;
    if (changes.waitingSince !== undefined) set.waiting_since = changes.waitingSince;
    if (changes.responseMetAt !== undefined) set.response_met_at = changes.responseMetAt;
    if (changes.resolvedAt !== undefined) set.resolved_at = changes.resolvedAt;
    if (changes.closedAt !== undefined) set.closed_at = changes.closedAt;
    if (changes.merged !== undefined) {
      set.merged_into = changes.merged.into;
      set.merged_at = changes.merged.at;
    }
    if (Object.keys(set).length === 0) return;
    await execute(
      tx,
      db
        .updateTable('tickets')
        .set({ ...set, updated_at: sql`now()` })
        .where('ticket_id', '=', ticketId),
    );
  }

  async startWaiting(tx: EntityManager, ticketId: string, at: Date): Promise<void> {
    await execute(tx, db.insertInto('requester_waits').values({ ticket_id: ticketId, started_at: at }));
  }

  async stopWaiting(tx: EntityManager, ticketId: string, at: Date): Promise<void> {
    await execute(
      tx,
      db
        .updateTable('requester_waits')
        .set((eb) => ({ ended_at: eb.fn<Date>('greatest', [eb.val(at), 'started_at']) }))
        .where('ticket_id', '=', ticketId)
        .where('ended_at', 'is', null),
    );
  }

  /** SLA facts of the given tickets, or of every ticket not yet closed. */
  async slaFacts(tx: EntityManager, ticketIds?: readonly string[]): Promise<SlaFacts[]> {
    const tickets = await fetchRows(
      tx,
      db
        .selectFrom('tickets')
        .select((eb) => [
          'ticket_id',
          eb.fn.coalesce('registered_at', 'routed_at').as('start'),
          'priority',
          'jurisdiction',
          'service',
        ])
        .where(ticketsOrOpen(ticketIds)),
    );
    if (tickets.length === 0) return [];
    const waits = await fetchRows(
      tx,
      db
        .selectFrom('requester_waits')
        .select(['ticket_id', 'started_at', 'ended_at'])
        .where((eb) => eb('ticket_id', '=', eb.fn.any(eb.val(tickets.map((t) => t.ticket_id))))),
    );
    const pausesOf = new Map<string, Pause[]>();
    for (const w of waits) {
      const list = pausesOf.get(w.ticket_id) ?? [];
      list.push({ start: w.started_at, end: w.ended_at });
      pausesOf.set(w.ticket_id, list);
    }
    return tickets.map((t) => ({
      ticketId: t.ticket_id,
      start: t.start,
      priority: t.priority,
      jurisdiction: t.jurisdiction,
      service: t.service,
      pauses: pausesOf.get(t.ticket_id) ?? [],
    }));
  }

  /** A new priority (routing's reclassification); the caller recomputes the due dates. */
  async setPriority(tx: EntityManager, ticketId: string, priority: Priority): Promise<void> {
    await execute(
      tx,
      db
        .updateTable('tickets')
        .set({ priority, updated_at: sql`now()` })
        .where('ticket_id', '=', ticketId),
    );
  }

  /** What the service level of the given tickets (or of every ticket not yet closed) is read from. */
  async serviceLevelFacts(tx: EntityManager, ticketIds?: readonly string[]): Promise<AnnouncedServiceLevelRow[]> {
    const rows = await fetchRows(
      tx,
      db
        .selectFrom('tickets')
        .select([
          'ticket_id',
          'number',
          'area',
          'priority',
          'status',
          'response_due_at',
          'resolution_due_at',
          'response_met_at',
          'resolved_at',
          'announced_service_level',
        ])
        .where(ticketsOrOpen(ticketIds)),
    );
    return rows.map(toServiceLevelRow);
  }

  async markServiceLevelAnnounced(
    tx: EntityManager,
    rows: ReadonlyArray<{ ticketId: string; announced: ServiceLevelState }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    const announced = sql<{
      ticket_id: string;
      announced: string;
    }>`unnest(${rows.map((r) => r.ticketId)}::uuid[], ${rows.map((r) => JSON.stringify(r.announced))}::jsonb[])`;
    await execute(
      tx,
      db
        .updateTable('tickets as t')
        .from(announced.as<'d'>(sql`d (ticket_id, announced)`))
        .set((eb) => ({ announced_service_level: eb.ref('d.announced') }))
        .whereRef('t.ticket_id', '=', 'd.ticket_id'),
    );
  }

  /**
   * Tickets with targets or met times known but never announced (set before the event existed), locked
   * for the caller's transaction; rows another instance holds are skipped.
   */
  async claimUnannounced(tx: EntityManager, limit: number): Promise<string[]> {
    const rows = await fetchRows(
      tx,
      db
        .selectFrom('tickets')
        .select('ticket_id')
        .where('announced_service_level', 'is', null)
        .where((eb) =>
          eb.or([
            eb('response_due_at', 'is not', null),
            eb('resolution_due_at', 'is not', null),
            eb('response_met_at', 'is not', null),
          ]),
        )
        .orderBy('ticket_id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    );
    return rows.map((r) => r.ticket_id);
  }

  async setDueDates(tx: EntityManager, rows: readonly DueDatesRow[]): Promise<void> {
    if (rows.length === 0) return;
    const dueDates = sql<{
      ticket_id: string;
      response_due_at: Date | null;
      resolution_due_at: Date | null;
    }>`unnest(${rows.map((r) => r.ticketId)}::uuid[], ${rows.map((r) => r.responseDueAt)}::timestamptz[], ${rows.map((r) => r.resolutionDueAt)}::timestamptz[])`;
    await execute(
      tx,
      db
        .updateTable('tickets as t')
        .from(dueDates.as<'d'>(sql`d (ticket_id, response_due_at, resolution_due_at)`))
        .set((eb) => ({
          response_due_at: eb.ref('d.response_due_at'),
          resolution_due_at: eb.ref('d.resolution_due_at'),
        }))
        .whereRef('t.ticket_id', '=', 'd.ticket_id'),
    );
  }
}

/** The given tickets, or every ticket not yet closed or merged. */
function ticketsOrOpen(ticketIds: readonly string[] | undefined) {
  return ticketIds
    ? sql<boolean>`ticket_id = ANY(${ticketIds}::uuid[])`
    : sql<boolean>`status NOT IN ('cerrado', 'fusionado')`;
}

/** The columns a move to `area` sets: the area, and no assignee when the area is another. */
function areaChange(eb: ExpressionBuilder<DB, 'tickets'>, area: string) {
  return {
    assignee_id: eb.case().when('area', 'is distinct from', area).then(null).else(eb.ref('assignee_id')).end(),
    assignee_name: eb.case().when('area', 'is distinct from', area).then(null).else(eb.ref('assignee_name')).end(),
    area,
  };
}

function toRecord(row: TicketRow): TicketRecord {
  return {
    ticketId: row.ticket_id,
    number: Number(row.number),
    area: row.area,
    priority: row.priority,
    status: row.status,
    requesterEmail: row.requester_email,
    requester: row.requester_id ? { id: row.requester_id, name: row.requester_name ?? '' } : null,
    jurisdiction: row.jurisdiction,
    title: row.title,
    registeredAt: row.registered_at,
    routedAt: row.routed_at,
    assignee: row.assignee_id ? { accountId: row.assignee_id, name: row.assignee_name ?? '' } : null,
    solution:
      row.solution !== null && row.solution_by && row.solution_at
        ? {
            text: row.solution,
            elements: row.solution_elements,
            downtimeMinutes: row.downtime_minutes,
            by: row.solution_by,
            at: row.solution_at,
          }
        : null,
    articleRef: row.article_ref,
    waitingSince: row.waiting_since,
    responseMetAt: row.response_met_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    overdue: row.overdue,
    mergedInto: row.merged_into,
  };
}

type ServiceLevelColumns = Pick<
  TicketRow,
  | 'ticket_id'
  | 'number'
  | 'area'
  | 'priority'
  | 'status'
  | 'response_due_at'
  | 'resolution_due_at'
  | 'response_met_at'
  | 'resolved_at'
  | 'announced_service_level'
>;

function toServiceLevelRow(row: ServiceLevelColumns): AnnouncedServiceLevelRow {
  return {
    ticketId: row.ticket_id,
    number: Number(row.number),
    area: row.area,
    priority: row.priority,
    status: row.status,
    responseDueAt: row.response_due_at,
    resolutionDueAt: row.resolution_due_at,
    responseMetAt: row.response_met_at,
    resolvedAt: row.resolved_at,
    announced: row.announced_service_level,
  };
}
