import { Injectable } from '@nestjs/common';
import {
  sql,
  type InferResult,
  type Insertable,
  type NotNull,
  type RawBuilder,
  type Selectable,
  type SqlBool,
} from 'kysely';
import type { EntityManager } from 'typeorm';
import type {
  Priority,
  ServiceLevelChangedV1,
  TicketClassificationV1,
  TicketRegisteredV1,
  TicketRoutedV1,
  TicketSort,
  TicketStatus,
  TicketSummaryV1,
  TicketMergedV1,
  TicketReferenceV1,
  TicketRefV1,
  SurveyAnsweredV1,
  TicketTimelineEntryV1,
  TicketViewV1,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { compiledOnce, execute, fetchFirst, fetchRows, instant } from '@cau/persistence';
import { reportingRows } from '../rows.js';
import type { TicketView } from '../rows.generated.js';

import type { ListedTicket } from './paging.js';
import type { DateBound, QueueFilters } from './queue-filters.js';
import { ORDERS, type ListPosition } from './ticket-list-order.js';
import type { Visibility } from './ticket-visibility.js';

/** What a registration writes to its row, as sent. */
type RegistrationRow = Required<
  Pick<
    Insertable<TicketView>,
    | 'ticket_id'
    | 'number'
    | 'title'
    | 'description'
    | 'channel'
    | 'type'
    | 'category'
    | 'impact'
    | 'urgency'
    | 'jurisdiction'
    | 'requester_email'
    | 'requester_name'
    | 'requester'
    | 'reported_by'
    | 'registered_by'
    | 'attachments'
    | 'registered_at'
    | 'updated_at'
    | 'service'
  >
>;

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

/**
 * The ticket view of the reporting schema and the ticket's path. Registration and routing own their
 * columns and upsert them; every other event first makes sure the row exists (`touch`), so whichever
 * event arrives first creates it and the others fill in the rest. Each write says how it stays right
 * whatever order the events arrive in.
 */
@Injectable()
export class TicketViewRepository {
  /** Named with its schema: a rebuild writes a shadow schema through this same repository (see Reporting). */
  private readonly db: typeof reportingRows;

  constructor(private readonly runtime: ServiceRuntime) {
    this.db = reportingRows.withSchema(runtime.schema);
  }

  async saveRegistration(tx: EntityManager, ticket: TicketRegisteredV1, changedAt: string): Promise<void> {
    await execute(
      tx,
      this.registration({
        ticket_id: ticket.ticketId,
        number: ticket.number,
        title: ticket.title,
        description: ticket.description,
        channel: ticket.channel,
        type: ticket.type,
        category: ticket.category,
        impact: ticket.impact,
        urgency: ticket.urgency,
        jurisdiction: ticket.jurisdiction,
        requester_email: ticket.requester.email,
        requester_name: ticket.requester.name,
        requester: JSON.stringify(ticket.requester),
        reported_by: ticket.reportedBy ? JSON.stringify(ticket.reportedBy) : null,
        registered_by: JSON.stringify(ticket.registeredBy),
        attachments: JSON.stringify(ticket.attachments),
        registered_at: ticket.registeredAt,
        updated_at: changedAt,
        service: ticket.service ?? null,
      }),
    );
  }

  /** Written once per ticket, with two dozen columns: built once (building it cost more than running it). */
  private readonly registration = compiledOnce((row: RegistrationRow) => {
    /** Registration's own value, unless a reclassification applied before it arrived is newer. */
    const classified = <C extends 'type' | 'category' | 'impact' | 'urgency'>(column: C) =>
      sql<
        Selectable<TicketView>[C]
      >`CASE WHEN ticket_view.reclassified_at IS NULL THEN EXCLUDED.${sql.ref(column)} ELSE ticket_view.${sql.ref(column)} END`;
    return this.db
      .insertInto('ticket_view')
      .values({
        ticket_id: row.ticket_id,
        number: row.number,
        title: row.title,
        description: row.description,
        channel: row.channel,
        type: row.type,
        category: row.category,
        impact: row.impact,
        urgency: row.urgency,
        jurisdiction: row.jurisdiction,
        requester_email: row.requester_email,
        requester_name: row.requester_name,
        requester: row.requester,
        reported_by: row.reported_by,
        registered_by: row.registered_by,
        attachments: row.attachments,
        registered_at: row.registered_at,
        updated_at: row.updated_at,
        service: row.service,
      })
      .onConflict((conflict) =>
        conflict.column('ticket_id').doUpdateSet((eb) => ({
          number: eb.ref('excluded.number'),
          title: eb.ref('excluded.title'),
          description: eb.ref('excluded.description'),
          channel: eb.ref('excluded.channel'),
          jurisdiction: eb.ref('excluded.jurisdiction'),
          service: eb.ref('excluded.service'),
          type: classified('type'),
          category: classified('category'),
          impact: classified('impact'),
          urgency: classified('urgency'),
          requester_email: eb.ref('excluded.requester_email'),
          requester_name: eb.ref('excluded.requester_name'),
          requester: eb.ref('excluded.requester'),
          reported_by: eb.ref('excluded.reported_by'),
          registered_by: eb.ref('excluded.registered_by'),
          attachments: eb.ref('excluded.attachments'),
          registered_at: eb.ref('excluded.registered_at'),
          updated_at: latestChange,
        })),
      );
  });

  /**
   * The routing time; the area goes through `moveArea` like every other area change, and the priority
   * through `setPriority` (a reclassification may have given a newer one).
   */
  async saveRouting(tx: EntityManager, routing: TicketRoutedV1, changedAt: string): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('ticket_view')
        .values({ ticket_id: routing.ticketId, routed_at: routing.routedAt, updated_at: changedAt })
        .onConflict((conflict) =>
          conflict
            .column('ticket_id')
            .doUpdateSet((eb) => ({ routed_at: eb.ref('excluded.routed_at'), updated_at: latestChange })),
        ),
    );
  }

  /** Callers apply only routing's newest priority (its own position), so this simply overwrites. */
  async setPriority(tx: EntityManager, ticketId: string, priority: Priority): Promise<void> {
    await execute(tx, this.db.updateTable('ticket_view').set({ priority }).where('ticket_id', '=', ticketId));
  }

  /**
   * A corrected classification (routing's newest, by the caller). `reclassified_at` keeps a registration
   * that arrives later from putting the original classification back.
   */
  async reclassify(
    tx: EntityManager,
    ticketId: string,
    classification: TicketClassificationV1,
    at: string,
  ): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('ticket_view')
        .set({
          type: classification.type,
          category: classification.category,
          impact: classification.impact,
          urgency: classification.urgency,
          priority: classification.priority,
          reclassified_at: at,
        })
        .where('ticket_id', '=', ticketId),
    );
  }

  /** The service-level targets as resolution last announced them (its newest, by the caller). */
  async setServiceLevel(tx: EntityManager, level: ServiceLevelChangedV1): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('ticket_view')
        .set({
          response_due_at: level.responseDueAt,
          resolution_due_at: level.resolutionDueAt,
          response_met_at: level.respondedAt,
          resolution_met_at: level.resolvedAt,
        })
        .where('ticket_id', '=', level.ticketId),
    );
  }

  /** Creates the row if no event of the ticket was seen yet; keeps the time of the latest change. */
  async touch(tx: EntityManager, ticketId: string, changedAt: string): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('ticket_view')
        .values({ ticket_id: ticketId, updated_at: changedAt })
        .onConflict((conflict) => conflict.column('ticket_id').doUpdateSet({ updated_at: latestChange })),
    );
  }

  /** The area of the latest step, whichever producer took it: an earlier step arriving late changes nothing. */
  async moveArea(tx: EntityManager, ticketId: string, area: string, at: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('ticket_view')
        .set({ area, area_changed_at: at })
        .where('ticket_id', '=', ticketId)
        .where((eb) => eb.or([eb('area_changed_at', 'is', null), eb('area_changed_at', '<', instant(at))])),
    );
  }

  /** Callers apply only resolution's newest status (EventPositions), so this simply overwrites. */
  async setStatus(tx: EntityManager, ticketId: string, status: TicketStatus): Promise<void> {
    await execute(tx, this.db.updateTable('ticket_view').set({ status }).where('ticket_id', '=', ticketId));
  }

  /** Likewise ordered by the caller, on the flag's own position. */
  async setWaitingOnRequester(tx: EntityManager, ticketId: string, waiting: boolean): Promise<void> {
    await execute(
      tx,
      this.db.updateTable('ticket_view').set({ waiting_on_requester: waiting }).where('ticket_id', '=', ticketId),
    );
  }

  /**
   * Taking sets the assignee and a derivation clears it, from two producers: like the area, the latest
   * step by time wins.
   */
  async assign(
    tx: EntityManager,
    ticketId: string,
    assignee: { accountId: string; name: string } | null,
    at: string,
  ): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('ticket_view')
        .set({
          assignee_id: assignee?.accountId ?? null,
          assignee_name: assignee?.name ?? null,
          assignee_changed_at: at,
        })
        .where('ticket_id', '=', ticketId)
        .where((eb) => eb.or([eb('assignee_changed_at', 'is', null), eb('assignee_changed_at', '<', instant(at))])),
    );
  }

  /** The first time anyone took the ticket, in whatever order the takings arrive. */
  async markFirstResponse(tx: EntityManager, ticketId: string, at: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('ticket_view')
        .set((eb) => ({ first_response_at: eb.fn<Date>('least', ['first_response_at', eb.val(at)]) }))
        .where('ticket_id', '=', ticketId),
    );
  }

  /** The latest submission for review; the status says whether the ticket is still resolved. */
  async markResolved(tx: EntityManager, ticketId: string, at: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('ticket_view')
        .set((eb) => ({ resolved_at: eb.fn<Date>('greatest', ['resolved_at', eb.val(at)]) }))
        .where('ticket_id', '=', ticketId),
    );
  }

  /** The latest closure; the status says whether the ticket is still closed. */
  async markClosed(tx: EntityManager, ticketId: string, at: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('ticket_view')
        .set((eb) => ({ closed_at: eb.fn<Date>('greatest', ['closed_at', eb.val(at)]) }))
        .where('ticket_id', '=', ticketId),
    );
  }

  /** Counting commutes, and the inbox applies each reopening once. */
  async countReopening(tx: EntityManager, ticketId: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('ticket_view')
        .set((eb) => ({ reopened_count: eb('reopened_count', '+', 1) }))
        .where('ticket_id', '=', ticketId),
    );
  }

  /** Con atraso is history: once a target was missed the ticket stays overdue, closed or not. */
  async markOverdue(tx: EntityManager, ticketId: string): Promise<void> {
    await execute(tx, this.db.updateTable('ticket_view').set({ overdue: true }).where('ticket_id', '=', ticketId));
  }

  /** The latest answer, should a reopened ticket be surveyed again. */
  async saveSatisfaction(tx: EntityManager, survey: SurveyAnsweredV1): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('ticket_view')
        .set({
          satisfaction: survey.satisfaction,
          satisfaction_score: survey.score ?? null,
          satisfaction_at: survey.at,
        })
        .where('ticket_id', '=', survey.ticketId)
        .where((eb) => eb.or([eb('satisfaction_at', 'is', null), eb('satisfaction_at', '<', instant(survey.at))])),
    );
  }

  /** One row per event: the event id is the key, so an event applied again adds nothing. */
  async addTimelineEntry(
    tx: EntityManager,
    eventId: string,
    ticketId: string,
    entry: TicketTimelineEntryV1,
  ): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('ticket_timeline')
        .values({
          event_id: eventId,
          ticket_id: ticketId,
          at: entry.at,
          type: entry.type,
          by: entry.by ? JSON.stringify(entry.by) : null,
          area: entry.area,
          summary_es: entry.summary.es,
          summary_en: entry.summary.en,
          details: JSON.stringify(entry.details),
        })
        .onConflict((conflict) => conflict.column('event_id').doNothing()),
    );
  }

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

/** The time of the latest change, whichever of the row's and the event's it is. */
const latestChange = sql<Date>`GREATEST(ticket_view.updated_at, EXCLUDED.updated_at)`;
