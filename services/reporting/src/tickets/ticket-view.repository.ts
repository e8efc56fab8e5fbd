import { Injectable } from '@nestjs/common';
import {
  sql,
  type InferResult,
  type Kysely,
  type NotNull,
  type RawBuilder,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type { EntityManager } from 'typeorm';
import type {
  TicketSort,
  TicketStatus,
  TicketSummaryV1,
  TicketMergedV1,
  TicketReferenceV1,
  TicketRefV1,
  TicketTimelineEntryV1,
  TicketViewV1,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { compiledOnce, execute, fetchFirst, fetchRows, rowQueries } from '@cau/persistence';
import { reportingRows } from '../rows.js';
import type { DB, TicketView } from '../rows.generated.js';

import type { ListedTicket } from './paging.js';
import type { DateBound, QueueFilters } from './queue-filters.js';
import { ORDERS, type ListPosition } from './ticket-list-order.js';
import { normalizeEmail, type Visibility } from './ticket-visibility.js';
import type { Position, ViewPatch } from './view-changes.js';

/**
 * The messaging library's per-ticket positions (`EventPositions`, its own migration, so not among reporting's
 * generated types): a batch reads and advances them with its changes.
 */
interface EventPositionRows {
  event_positions: { ticket_id: string; source: string; sequence: string };
}

/** A step of a ticket's path, recorded by its event. */
export interface TimelineStep {
  eventId: string;
  ticketId: string;
  entry: TicketTimelineEntryV1;
}

/** A path step as sent to PostgreSQL (`jsonb_to_recordset`; `ord` is its place in the batch). */
interface TimelineStepRow {
  event_id: string;
  ticket_id: string;
  at: Date;
  type: string;
  by: string | null;
  area: string | null;
  summary_es: string;
  summary_en: string;
  details: string;
  ord: number;
}

function stepRow(step: TimelineStep, ord: number) {
  const { entry } = step;
  return {
    ord,
    event_id: step.eventId,
    ticket_id: step.ticketId,
    at: entry.at,
    type: entry.type,
    by: entry.by ?? null,
    area: entry.area,
    summary_es: entry.summary.es,
    summary_en: entry.summary.en,
    details: entry.details,
  };
}

/**
 * A view patch as sent to PostgreSQL, one flat row per ticket (null: not changed, but for the flags); its
 * columns and their types, as `jsonb_to_recordset` reads them.
 */
const PATCH_COLUMNS = `ticket_id uuid, registered boolean, number bigint, title text, description text, channel text,
  type text, category text, impact text, urgency text, jurisdiction text, requester_email text,
  requester_name text, requester jsonb, reported_by jsonb, registered_by jsonb, attachments jsonb,
  registered_at timestamptz, service text, routed_at timestamptz, priority text, reclassified_at timestamptz,
  re_type text, re_category text, re_impact text, re_urgency text, service_level boolean,
  response_due_at timestamptz, resolution_due_at timestamptz, response_met_at timestamptz,
  resolution_met_at timestamptz, area text, area_at timestamptz, status text, waiting boolean,
  assignee_at timestamptz, assignee_id uuid, assignee_name text, first_response_at timestamptz,
  resolved_at timestamptz, closed_at timestamptz, reopenings int, overdue boolean, satisfaction text,
  satisfaction_score smallint, satisfaction_at timestamptz, changed_at timestamptz`;

type PatchRow = ReturnType<typeof patchRow>;

/** A view column's value as written (a jsonb column takes its JSON text). */
type Written<C extends keyof TicketView> = Exclude<Updateable<TicketView>[C], undefined>;

function patchRow(patch: ViewPatch, changedAt: string | null) {
  const t = patch.registration;
  const re = patch.reclassification?.classification;
  const level = patch.serviceLevel;
  return {
    ticket_id: patch.ticketId,
    registered: t !== undefined,
    number: t ? String(t.number) : null,
    title: t?.title ?? null,
    description: t?.description ?? null,
    channel: t?.channel ?? null,
    type: t?.type ?? null,
    category: t?.category ?? null,
    impact: t?.impact ?? null,
    urgency: t?.urgency ?? null,
    jurisdiction: t?.jurisdiction ?? null,
    requester_email: t ? normalizeEmail(t.requester.email) : null,
    requester_name: t?.requester.name ?? null,
    requester: t ? { ...t.requester, email: normalizeEmail(t.requester.email) } : null,
    reported_by: t?.reportedBy ?? null,
    registered_by: t?.registeredBy ?? null,
    attachments: t?.attachments ?? null,
    registered_at: t?.registeredAt ?? null,
    service: t?.service ?? null,
    routed_at: patch.routedAt ?? null,
    priority: patch.priority ?? null,
    reclassified_at: patch.reclassification?.at ?? null,
    re_type: re?.type ?? null,
    re_category: re?.category ?? null,
    re_impact: re?.impact ?? null,
    re_urgency: re?.urgency ?? null,
    service_level: level !== undefined,
    response_due_at: level?.responseDueAt ?? null,
    resolution_due_at: level?.resolutionDueAt ?? null,
    response_met_at: level?.respondedAt ?? null,
    resolution_met_at: level?.resolvedAt ?? null,
    area: patch.area?.area ?? null,
    area_at: patch.area?.at ?? null,
    status: patch.status ?? null,
    waiting: patch.waiting ?? null,
    assignee_at: patch.assignee?.at ?? null,
    assignee_id: patch.assignee?.assignee?.accountId ?? null,
    assignee_name: patch.assignee?.assignee?.name ?? null,
    first_response_at: patch.firstResponseAt ?? null,
    resolved_at: patch.resolvedAt ?? null,
    closed_at: patch.closedAt ?? null,
    reopenings: patch.reopenings,
    overdue: patch.overdue,
    satisfaction: patch.satisfaction?.satisfaction ?? null,
    satisfaction_score: patch.satisfaction?.score ?? null,
    satisfaction_at: patch.satisfaction?.at ?? null,
    changed_at: changedAt,
  };
}

/** What a list query asks for, after validation and with the caller's visibility resolved. */
export interface TicketListCriteria {
  filters: QueueFilters;
  sort: TicketSort;
  /** The position the previous page ended at; absent for the first page. */
  after?: ListPosition | undefined;
  limit: number;
  visibleTo: Exclude<Visibility, { kind: 'none' }>;
  /** Days in date filters are days of this zone (CAU_TIME_ZONE). */
  timeZone: string;
}

/** A batch's changes as `applyChanges` sends them: the positions as parallel arrays, steps and patches as JSON. */
interface ChangesValues {
  positionTickets: string[];
  positionSources: string[];
  positionSequences: string[];
  steps: string;
  patches: string;
}

/**
 * The ticket view of the reporting schema and the ticket's path, written once per batch of events: every
 * event of the batch makes sure its ticket's row exists (`touchAll`), so whichever event arrives first
 * creates it and the others fill in the rest; then one patch per row (`applyChanges`) says, column by
 * column, how it stays right whatever order the events arrive in.
 */
@Injectable()
export class TicketViewRepository {
  /** Named with its schema: a rebuild writes a shadow schema through this same repository (see Reporting). */
  private readonly db: typeof reportingRows;

  /** The same, with the positions `EventPositions` keeps, which the batch's changes read and advance. */
  private readonly withPositions: Kysely<DB & EventPositionRows>;

  constructor(private readonly runtime: ServiceRuntime) {
    this.db = reportingRows.withSchema(runtime.schema);
    this.withPositions = rowQueries<DB & EventPositionRows>().withSchema(runtime.schema);
  }

  /**
   * Makes sure each of the batch's tickets has its row (a new one with the time of its latest change), and locks
   * the rows (in key order) until the batch commits: a batch of another instance that applies events of the same
   * tickets waits, and then reads the positions this one recorded. `changes` is one entry per event. A row that
   * exists is locked, not written (`WHERE false`): `applyChanges` sets its time with the rest, so each batch makes
   * one new version of it, not two (each version goes into the view's sixteen indexes).
   */
  async touchAll(tx: EntityManager, changes: ReadonlyArray<{ ticketId: string; changedAt: string }>): Promise<void> {
    await execute(
      tx,
      this.touchStatement({
        ticketIds: changes.map((c) => c.ticketId),
        changedAt: changes.map((c) => c.changedAt),
      }),
    );
  }

  private readonly touchStatement = compiledOnce((v: { ticketIds: string[]; changedAt: string[] }) => {
    const t = sql<{ ticket_id: string; changed_at: Date }>`unnest(
      ${v.ticketIds}::uuid[], ${v.changedAt}::timestamptz[])`.as<'t'>(sql`t (ticket_id, changed_at)`);
    return this.db
      .insertInto('ticket_view')
      .columns(['ticket_id', 'updated_at'])
      .expression((qb) =>
        qb
          .selectFrom(t)
          .select((eb) => ['t.ticket_id', eb.fn.max('t.changed_at').as('updated_at')])
          .groupBy('t.ticket_id')
          .orderBy('t.ticket_id'),
      )
      .onConflict((conflict) =>
        // DO UPDATE locks the rows it finds even where its WHERE is false; nothing is written to them here.
        conflict
          .column('ticket_id')
          .doUpdateSet((eb) => ({ updated_at: eb.ref('ticket_view.updated_at') }))
          .where(sql<boolean>`false`),
      );
  });

  /** The positions recorded for these tickets (`EventPositions`' table), read once their rows are locked. */
  async positionsOf(tx: EntityManager, ticketIds: readonly string[]): Promise<Position[]> {
    const rows = await fetchRows(tx, this.positionsStatement({ ticketIds: [...ticketIds] }));
    return rows.map((row) => ({ ticketId: row.ticket_id, source: row.source, sequence: Number(row.sequence) }));
  }

  private readonly positionsStatement = compiledOnce((v: { ticketIds: string[] }) =>
    this.withPositions
      .selectFrom('event_positions')
      .select(['ticket_id', 'source', 'sequence'])
      .where('ticket_id', '=', sql<string>`ANY(${v.ticketIds}::uuid[])`),
  );

  /**
   * A batch's changes in one statement: the positions it advanced, its path steps (the event id is the key,
   * so an event applied again adds nothing; rows go in in the batch's order, which `arrival` keeps), and one
   * patch per view row, each column combined with the row's stored value as its own update did.
   */
  async applyChanges(
    tx: EntityManager,
    changes: {
      positions: readonly Position[];
      steps: readonly TimelineStep[];
      patches: readonly ViewPatch[];
      /** The time of each event's change (`touchAll`'s), the latest of which each patched row keeps. */
      touches: ReadonlyArray<{ ticketId: string; changedAt: string }>;
    },
  ): Promise<void> {
    const { positions, steps, patches } = changes;
    const latest = new Map<string, string>();
    for (const { ticketId, changedAt } of changes.touches) {
      const key = ticketId.toLowerCase();
      const known = latest.get(key);
      if (known === undefined || Date.parse(changedAt) > Date.parse(known)) latest.set(key, changedAt);
    }
    await execute(
      tx,
      this.changesStatement({
        positionTickets: positions.map((p) => p.ticketId),
        positionSources: positions.map((p) => p.source),
        positionSequences: positions.map((p) => String(p.sequence)),
        steps: JSON.stringify(steps.map(stepRow)),
        patches: JSON.stringify(
          patches.map((patch) => patchRow(patch, latest.get(patch.ticketId.toLowerCase()) ?? null)),
        ),
      }),
    );
  }

  /** Built once (`compiledOnce`): every batch of events runs it, and building it cost more than running it. */
  private readonly changesStatement = compiledOnce((v: ChangesValues) => {
    const positionsIn = sql<{ ticket_id: string; source: string; sequence: string }>`unnest(
      ${v.positionTickets}::uuid[], ${v.positionSources}::text[],
      ${v.positionSequences}::bigint[])`.as<'n'>(sql`n (ticket_id, source, sequence)`);
    const stepsIn = sql<TimelineStepRow>`jsonb_to_recordset(${v.steps}::jsonb)`.as<'s'>(
      sql`s (event_id uuid, ticket_id uuid, at timestamptz, type text, by jsonb, area text, summary_es text,
        summary_en text, details jsonb, ord int)`,
    );
    const p = sql<PatchRow>`jsonb_to_recordset(${v.patches}::jsonb)`.as<'p'>(sql.raw(`p (${PATCH_COLUMNS})`));
    /** The patch's value when `when` holds, the row's otherwise. */
    const either = <C extends keyof Selectable<TicketView>>(
      when: RawBuilder<unknown>,
      value: RawBuilder<unknown>,
      column: C,
    ) => sql<Written<C>>`CASE WHEN ${when} THEN ${value} ELSE ${sql.ref(`ticket_view.${column}`)} END`;
    const registered = <C extends keyof PatchRow & keyof Selectable<TicketView>>(column: C) =>
      either(sql`p.registered`, sql.ref(`p.${column}`), column);
    /** Registration's classification unless a reclassification, of the batch or before it, is kept. */
    const classified = <C extends 'type' | 'category' | 'impact' | 'urgency'>(column: C) =>
      sql<Written<C>>`CASE
        WHEN p.reclassified_at IS NOT NULL THEN ${sql.ref(`p.re_${column}`)}
        WHEN p.registered AND ticket_view.reclassified_at IS NULL THEN ${sql.ref(`p.${column}`)}
        ELSE ${sql.ref(`ticket_view.${column}`)} END`;
    /** The patch's instant is set and later than the row's (an earlier step arriving late changes nothing). */
    const later = (at: string, column: 'area_changed_at' | 'assignee_changed_at' | 'satisfaction_at') =>
      sql`${sql.ref(at)} IS NOT NULL AND (${sql.ref(`ticket_view.${column}`)} IS NULL OR ${sql.ref(`ticket_view.${column}`)} < ${sql.ref(at)})`;
    const moved = later('p.area_at', 'area_changed_at');
    const assigned = later('p.assignee_at', 'assignee_changed_at');
    const surveyed = later('p.satisfaction_at', 'satisfaction_at');
    const given = <C extends keyof PatchRow & keyof Selectable<TicketView>>(column: C) =>
      either(sql`${sql.ref(`p.${column}`)} IS NOT NULL`, sql.ref(`p.${column}`), column);
    const levelled = <C extends 'response_due_at' | 'resolution_due_at' | 'response_met_at' | 'resolution_met_at'>(
      column: C,
    ) => either(sql`p.service_level`, sql.ref(`p.${column}`), column);
    return this.withPositions
      .with('advanced', (db) =>
        db
          .insertInto('event_positions')
          .columns(['ticket_id', 'source', 'sequence'])
          .expression((eb) => eb.selectFrom(positionsIn).select(['n.ticket_id', 'n.source', 'n.sequence']))
          .onConflict((conflict) =>
            conflict
              .columns(['ticket_id', 'source'])
              .doUpdateSet((eb) => ({ sequence: eb.ref('excluded.sequence') }))
              .whereRef('event_positions.sequence', '<', 'excluded.sequence'),
          ),
      )
      .with('stepped', (db) =>
        db
          .insertInto('ticket_timeline')
          .columns(['event_id', 'ticket_id', 'at', 'type', 'by', 'area', 'summary_es', 'summary_en', 'details'])
          .expression((eb) =>
            eb
              .selectFrom(stepsIn)
              .select([
                's.event_id',
                's.ticket_id',
                's.at',
                's.type',
                's.by',
                's.area',
                's.summary_es',
                's.summary_en',
                's.details',
              ])
              .orderBy('s.ord'),
          )
          .onConflict((conflict) => conflict.column('event_id').doNothing()),
      )
      .updateTable('ticket_view')
      .from(p)
      .set({
        number: registered('number'),
        title: registered('title'),
        description: registered('description'),
        channel: registered('channel'),
        jurisdiction: registered('jurisdiction'),
        service: registered('service'),
        requester_email: registered('requester_email'),
        requester_name: registered('requester_name'),
        requester: registered('requester'),
        reported_by: registered('reported_by'),
        registered_by: registered('registered_by'),
        attachments: registered('attachments'),
        registered_at: registered('registered_at'),
        type: classified('type'),
        category: classified('category'),
        impact: classified('impact'),
        urgency: classified('urgency'),
        reclassified_at: given('reclassified_at'),
        routed_at: given('routed_at'),
        priority: given('priority'),
        response_due_at: levelled('response_due_at'),
        resolution_due_at: levelled('resolution_due_at'),
        response_met_at: levelled('response_met_at'),
        resolution_met_at: levelled('resolution_met_at'),
        area: either(moved, sql`p.area`, 'area'),
        area_changed_at: either(moved, sql`p.area_at`, 'area_changed_at'),
        status: given('status'),
        waiting_on_requester: sql<boolean>`COALESCE(p.waiting, ticket_view.waiting_on_requester)`,
        assignee_id: either(assigned, sql`p.assignee_id`, 'assignee_id'),
        assignee_name: either(assigned, sql`p.assignee_name`, 'assignee_name'),
        assignee_changed_at: either(assigned, sql`p.assignee_at`, 'assignee_changed_at'),
        first_response_at: sql<Date>`least(ticket_view.first_response_at, p.first_response_at)`,
        resolved_at: sql<Date>`greatest(ticket_view.resolved_at, p.resolved_at)`,
        closed_at: sql<Date>`greatest(ticket_view.closed_at, p.closed_at)`,
        reopened_count: sql<number>`ticket_view.reopened_count + p.reopenings`,
        overdue: sql<boolean>`ticket_view.overdue OR p.overdue`,
        satisfaction: either(surveyed, sql`p.satisfaction`, 'satisfaction'),
        satisfaction_score: either(surveyed, sql`p.satisfaction_score`, 'satisfaction_score'),
        satisfaction_at: either(surveyed, sql`p.satisfaction_at`, 'satisfaction_at'),
        updated_at: sql<Date>`GREATEST(ticket_view.updated_at, p.changed_at)`,
      })
      .whereRef('ticket_view.ticket_id', '=', 'p.ticket_id');
  });

  /**
   * One side of a relation, as the event on this ticket's stream states it: a newer event (resolution's
   * sequence) overwrites an older one, an older one arriving late changes nothing.
   */
  async setRelation(
    tx: EntityManager,
    ticketId: string,
    related: TicketRefV1,
    linked: boolean,
    sequence: number,
  ): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('ticket_relations')
        .values({
          ticket_id: ticketId,
          related_ticket_id: related.ticketId,
          related_number: related.number,
          linked,
          sequence,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['ticket_id', 'related_ticket_id'])
            .doUpdateSet((eb) => ({
              linked: eb.ref('excluded.linked'),
              sequence: eb.ref('excluded.sequence'),
              related_number: eb.ref('excluded.related_number'),
            }))
            .whereRef('ticket_relations.sequence', '<', 'excluded.sequence'),
        ),
    );
  }

  /** The merge, from the event on either ticket's stream: the first to arrive writes it, the other finds it. */
  async recordMerge(tx: EntityManager, merge: TicketMergedV1): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('ticket_merges')
        .values({
          duplicate_ticket_id: merge.duplicate.ticketId,
          duplicate_number: merge.duplicate.number,
          original_ticket_id: merge.original.ticketId,
          original_number: merge.original.number,
          merged_at: merge.at,
        })
        .onConflict((conflict) => conflict.column('duplicate_ticket_id').doNothing()),
    );
  }

  /** The ticket with its path, read in one statement so both come from the same committed state. */
  async findByNumber(number: number): Promise<TicketViewV1 | null> {
    const row = await fetchFirst(this.runtime.dataSource, viewQuery(this.db, number));
    return row ? toView(row) : null;
  }

  /**
   * One page in the asked order, by keyset: every order is a row comparison on (sort key, number) served by
   * an index, so any page costs the same as the first and nothing is counted.
   */
  async list(criteria: TicketListCriteria): Promise<ListedTicket[]> {
    const order = ORDERS[criteria.sort];
    let query = summaryQuery(this.db, order.keyColumn);
    switch (criteria.visibleTo.kind) {
      case 'all':
        break;
      case 'requester':
        query = query.where('requester_email', '=', criteria.visibleTo.email);
        break;
      case 'jurisdiction':
        query = query.where('jurisdiction', '=', criteria.visibleTo.jurisdiction);
        break;
    }
    const f = criteria.filters;
    const zone = criteria.timeZone;
    /** The first instant of a day in the installation's zone, or the instant given. */
    const startOf = (bound: DateBound) =>
      'day' in bound
        ? sql<Date>`(${bound.day}::date::timestamp AT TIME ZONE ${zone})`
        : sql<Date>`${bound.instant}::timestamptz`;
    if (f.statuses !== undefined) {
      query =
        f.statuses.length === 1
          ? query.where('status', '=', f.statuses[0]!)
          : query.where('status', '=', sql<TicketStatus>`ANY(${f.statuses}::text[])`);
    }
    if (f.area !== undefined) query = query.where('area', '=', f.area);
    if (f.priority !== undefined) query = query.where('priority', '=', f.priority);
    if (f.requesterEmail !== undefined) query = query.where('requester_email', '=', f.requesterEmail);
    if (f.jurisdiction !== undefined) query = query.where('jurisdiction', '=', f.jurisdiction);
    if (f.text !== undefined) {
      const words = sql<SqlBool>`search @@ ${sql.id(this.runtime.schema, 'ticket_search_query')}(${f.text})`;
      // A number alone also finds the ticket, its merged duplicates and the original it was merged into.
      const number = /^#?(\d{1,15})$/.exec(f.text.trim());
      if (number) {
        const n = number[1]!;
        query = query.where((eb) =>
          eb.or([
            words,
            eb('number', '=', n),
            eb(
              'number',
              'in',
              eb.selectFrom('ticket_merges').select('duplicate_number').where('original_number', '=', n),
            ),
            eb(
              'number',
              'in',
              eb.selectFrom('ticket_merges').select('original_number').where('duplicate_number', '=', n),
            ),
          ]),
        );
      } else {
        query = query.where(words);
      }
    }
    if (f.assignee === null) query = query.where('assignee_id', 'is', null);
    else if (f.assignee !== undefined) query = query.where('assignee_id', '=', sql<string>`${f.assignee}::uuid`);
    if (f.overdue !== undefined) query = query.where('overdue', '=', f.overdue);
    if (f.dueWithin !== undefined) {
      // due_order is the resolution due date (or infinity): the bounds leave tickets without one out.
      query = query
        .where('due_order', '>', sql<Date>`${f.dueWithin.from}::timestamptz`)
        .where('due_order', '<=', sql<Date>`${f.dueWithin.to}::timestamptz`)
        .where('status', 'not in', ['resuelto', 'cerrado']);
    }
    if (f.waitingOnRequester !== undefined) query = query.where('waiting_on_requester', '=', f.waitingOnRequester);
    if (f.type !== undefined) query = query.where('type', '=', f.type);
    if (f.category !== undefined) query = query.where('category', '=', f.category);
    if (f.channel !== undefined) query = query.where('channel', '=', f.channel);
    if (f.registeredFrom !== undefined) query = query.where('registered_at', '>=', startOf(f.registeredFrom));
    if (f.registeredTo !== undefined) {
      const to = f.registeredTo;
      query =
        'day' in to
          ? query.where('registered_at', '<', sql<Date>`((${to.day}::date + 1)::timestamp AT TIME ZONE ${zone})`)
          : query.where('registered_at', '<=', sql<Date>`${to.instant}::timestamptz`);
    }
    if (f.updatedSince !== undefined) query = query.where('updated_at', '>=', startOf(f.updatedSince));
    const after = criteria.after;
    if (after) query = query.where(order.after('key' in after ? after.key : undefined, after.number));
    for (const { column, direction } of order.orderBy) query = query.orderBy(column, direction);
    const rows = await fetchRows(this.runtime.dataSource, query.limit(criteria.limit));
    return rows.map((row) => ({ summary: toSummary(row), sortKey: row.sort_key }));
  }
}

/** The list's columns of a registered ticket, with the number it was merged into and the order's sort key. */
function summaryQuery(db: typeof reportingRows, sortKey: RawBuilder<string> | null) {
  return (
    db
      .selectFrom('ticket_view as v')
      .select([
        'v.ticket_id',
        'v.number',
        'v.title',
        'v.status',
        'v.overdue',
        'v.priority',
        'v.area',
        'v.jurisdiction',
        'v.requester_email',
        'v.requester_name',
        'v.channel',
        'v.type',
        'v.category',
        'v.impact',
        'v.urgency',
        'v.registered_at',
        'v.updated_at',
        'v.assignee_id',
        'v.assignee_name',
        'v.waiting_on_requester',
        'v.response_due_at',
        'v.resolution_due_at',
        'v.response_met_at',
      ])
      .select((eb) => [
        eb
          .selectFrom('ticket_merges as m')
          .select('m.original_number')
          .whereRef('m.duplicate_ticket_id', '=', 'v.ticket_id')
          .as('merged_into'),
        (sortKey ?? sql<string | null>`NULL`).as('sort_key'),
      ])
      .where('v.number', 'is not', null)
      // A numbered row is a registered one, and registration writes these columns together.
      .$narrowType<{
        number: NotNull;
        title: NotNull;
        channel: NotNull;
        type: NotNull;
        category: NotNull;
        impact: NotNull;
        urgency: NotNull;
        jurisdiction: NotNull;
        requester_email: NotNull;
        requester_name: NotNull;
        registered_at: NotNull;
      }>()
  );
}

/**
 * The ticket view's row with its relations, merges and path as JSON built by PostgreSQL (`at` in the timeline
 * is a timestamp in the session's time zone).
 */
function viewQuery(db: typeof reportingRows, number: number) {
  const none = sql<never[]>`'[]'`;
  return (
    db
      .selectFrom('ticket_view as v')
      .select([
        'v.ticket_id',
        'v.number',
        'v.title',
        'v.description',
        'v.channel',
        'v.type',
        'v.category',
        'v.service',
        'v.impact',
        'v.urgency',
        'v.priority',
        'v.area',
        'v.status',
        'v.overdue',
        'v.jurisdiction',
        'v.requester',
        'v.reported_by',
        'v.registered_by',
        'v.attachments',
        'v.registered_at',
        'v.routed_at',
        'v.updated_at',
        'v.assignee_id',
        'v.assignee_name',
        'v.waiting_on_requester',
      ])
      .select((eb) => [
        eb.fn
          .coalesce(
            eb
              .selectFrom('ticket_relations as rel')
              .leftJoin('ticket_view as o', 'o.ticket_id', 'rel.related_ticket_id')
              .select(
                sql<
                  TicketReferenceV1[]
                >`json_agg(json_build_object('number', rel.related_number, 'title', o.title, 'status', o.status) ORDER BY rel.related_number)`.as(
                  'agg',
                ),
              )
              .whereRef('rel.ticket_id', '=', 'v.ticket_id')
              .where('rel.linked', '=', true)
              .$asScalar(),
            none,
          )
          .as('related_tickets'),
        eb
          .selectFrom('ticket_merges as m')
          .leftJoin('ticket_view as o', 'o.ticket_id', 'm.original_ticket_id')
          .select(
            sql<TicketReferenceV1>`json_build_object('number', m.original_number, 'title', o.title, 'status', o.status)`.as(
              'ref',
            ),
          )
          .whereRef('m.duplicate_ticket_id', '=', 'v.ticket_id')
          .as('merged_into'),
        eb.fn
          .coalesce(
            eb
              .selectFrom('ticket_merges as m')
              .leftJoin('ticket_view as d', 'd.ticket_id', 'm.duplicate_ticket_id')
              .select(
                sql<
                  TicketReferenceV1[]
                >`json_agg(json_build_object('number', m.duplicate_number, 'title', d.title, 'status', d.status) ORDER BY m.duplicate_number)`.as(
                  'agg',
                ),
              )
              .whereRef('m.original_ticket_id', '=', 'v.ticket_id')
              .$asScalar(),
            none,
          )
          .as('merged_tickets'),
        eb.fn
          .coalesce(
            eb
              .selectFrom('ticket_timeline as t')
              .select(
                sql<TicketTimelineEntryV1[]>`json_agg(
                  json_build_object(
                    'at', t.at, 'type', t.type, 'by', t.by, 'area', t.area,
                    'summary', json_build_object('es', t.summary_es, 'en', t.summary_en),
                    'details', t.details)
                  ORDER BY t.at, t.arrival)`.as('agg'),
              )
              .whereRef('t.ticket_id', '=', 'v.ticket_id')
              .$asScalar(),
            none,
          )
          .as('timeline'),
      ])
      .where('v.number', '=', String(number))
      // A numbered row is a registered one, and registration writes these columns together.
      .$narrowType<{
        number: NotNull;
        title: NotNull;
        description: NotNull;
        channel: NotNull;
        type: NotNull;
        category: NotNull;
        impact: NotNull;
        urgency: NotNull;
        jurisdiction: NotNull;
        requester: NotNull;
        registered_by: NotNull;
        attachments: NotNull;
        registered_at: NotNull;
      }>()
  );
}

function toView(row: InferResult<ReturnType<typeof viewQuery>>[number]): TicketViewV1 {
  return {
    ticketId: row.ticket_id,
    number: Number(row.number),
    title: row.title,
    description: row.description,
    channel: row.channel,
    type: row.type,
    category: row.category,
    service: row.service,
    impact: row.impact,
    urgency: row.urgency,
    priority: row.priority,
    area: row.area,
    status: row.status,
    overdue: row.overdue,
    jurisdiction: row.jurisdiction,
    requester: row.requester,
    reportedBy: row.reported_by,
    registeredBy: row.registered_by,
    attachments: row.attachments,
    registeredAt: row.registered_at.toISOString(),
    routedAt: row.routed_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    assignee:
      row.assignee_id === null || row.assignee_name === null
        ? null
        : { accountId: row.assignee_id, name: row.assignee_name },
    waitingOnRequester: row.waiting_on_requester,
    relatedTickets: row.related_tickets.map(reference),
    mergedInto: row.merged_into ? reference(row.merged_into) : null,
    mergedTickets: row.merged_tickets.map(reference),
    timeline: row.timeline.map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() })),
  };
}

function toSummary(row: InferResult<ReturnType<typeof summaryQuery>>[number]): TicketSummaryV1 {
  return {
    number: Number(row.number),
    ticketId: row.ticket_id,
    title: row.title,
    status: row.status,
    overdue: row.overdue,
    priority: row.priority,
    area: row.area,
    jurisdiction: row.jurisdiction,
    requesterEmail: row.requester_email,
    requesterName: row.requester_name,
    channel: row.channel,
    type: row.type,
    category: row.category,
    impact: row.impact,
    urgency: row.urgency,
    registeredAt: row.registered_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    waitingOnRequester: row.waiting_on_requester,
    responseDueAt: row.response_due_at?.toISOString() ?? null,
    resolutionDueAt: row.resolution_due_at?.toISOString() ?? null,
    respondedAt: row.response_met_at?.toISOString() ?? null,
    mergedInto: row.merged_into === null ? null : Number(row.merged_into),
  };
}

/** JSON gives bigint numbers as numbers already; titles and statuses are null until registration arrives. */
function reference(ref: TicketReferenceV1): TicketReferenceV1 {
  return { number: Number(ref.number), title: ref.title ?? null, status: ref.status ?? null };
}
