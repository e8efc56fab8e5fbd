import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AttachmentLinkV1,
  Channel,
  ContactV1,
  Impact,
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
  TicketType,
  TicketViewV1,
  Urgency,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { ListedTicket } from './paging.js';
import type { DateBound, QueueFilters } from './queue-filters.js';
import { ORDERS, type ListPosition } from './ticket-list-order.js';
import type { Visibility } from './ticket-visibility.js';

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

interface TicketViewRow {
  ticket_id: string;
  number: string;
  title: string;
  description: string;
  channel: Channel;
  type: TicketType;
  category: string;
  service: string | null;
  impact: Impact;
  urgency: Urgency;
  priority: Priority | null;
  area: string | null;
  status: TicketStatus;
  overdue: boolean;
  jurisdiction: string;
  requester: ContactV1;
  reported_by: ContactV1 | null;
  registered_by: TicketViewV1['registeredBy'];
  attachments: AttachmentLinkV1[];
  registered_at: Date;
  routed_at: Date | null;
  updated_at: Date;
  assignee_id: string | null;
  assignee_name: string | null;
  waiting_on_requester: boolean;
  related_tickets: TicketReferenceV1[];
  merged_into: TicketReferenceV1 | null;
  merged_tickets: TicketReferenceV1[];
  /** Built by PostgreSQL as JSON, where `at` is a timestamp in the session's time zone. */
  timeline: TicketTimelineEntryV1[];
}

interface TicketSummaryRow {
  ticket_id: string;
  number: string;
  title: string;
  status: TicketStatus;
  overdue: boolean;
  priority: Priority | null;
  area: string | null;
  jurisdiction: string;
  requester_email: string;
  requester_name: string;
  channel: Channel;
  type: TicketType;
  category: string;
  impact: Impact;
  urgency: Urgency;
  registered_at: Date;
  updated_at: Date;
  assignee_id: string | null;
  assignee_name: string | null;
  waiting_on_requester: boolean;
  response_due_at: Date | null;
  resolution_due_at: Date | null;
  response_met_at: Date | null;
  merged_into: string | null;
  sort_key: string | null;
}

/**
 * The ticket view of the reporting schema and the ticket's path. Registration and routing own their
 * columns and upsert them; every other event first makes sure the row exists (`touch`), so whichever
 * event arrives first creates it and the others fill in the rest. Each write says how it stays right
 * whatever order the events arrive in.
 */
@Injectable()
export class TicketViewRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async saveRegistration(tx: EntityManager, ticket: TicketRegisteredV1, changedAt: string): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".ticket_view AS v
         (ticket_id, number, title, description, channel, type, category, impact, urgency, jurisdiction,
          requester_email, requester_name, requester, reported_by, registered_by, attachments, registered_at,
          updated_at, service)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (ticket_id) DO UPDATE SET
         number = EXCLUDED.number, title = EXCLUDED.title, description = EXCLUDED.description,
         channel = EXCLUDED.channel, jurisdiction = EXCLUDED.jurisdiction, service = EXCLUDED.service,
         -- A reclassification applied before this registration arrived is newer than its classification.
         type = CASE WHEN v.reclassified_at IS NULL THEN EXCLUDED.type ELSE v.type END,
         category = CASE WHEN v.reclassified_at IS NULL THEN EXCLUDED.category ELSE v.category END,
         impact = CASE WHEN v.reclassified_at IS NULL THEN EXCLUDED.impact ELSE v.impact END,
         urgency = CASE WHEN v.reclassified_at IS NULL THEN EXCLUDED.urgency ELSE v.urgency END,
         requester_email = EXCLUDED.requester_email, requester_name = EXCLUDED.requester_name,
         requester = EXCLUDED.requester, reported_by = EXCLUDED.reported_by,
         registered_by = EXCLUDED.registered_by, attachments = EXCLUDED.attachments,
         registered_at = EXCLUDED.registered_at, updated_at = GREATEST(v.updated_at, EXCLUDED.updated_at)`,
      [
        ticket.ticketId,
        ticket.number,
        ticket.title,
        ticket.description,
        ticket.channel,
        ticket.type,
        ticket.category,
        ticket.impact,
        ticket.urgency,
        ticket.jurisdiction,
        ticket.requester.email,
        ticket.requester.name,
        JSON.stringify(ticket.requester),
        ticket.reportedBy ? JSON.stringify(ticket.reportedBy) : null,
        JSON.stringify(ticket.registeredBy),
        JSON.stringify(ticket.attachments),
        ticket.registeredAt,
        changedAt,
        ticket.service ?? null,
      ],
    );
  }

  /**
   * The routing time; the area goes through `moveArea` like every other area change, and the priority
   * through `setPriority` (a reclassification may have given a newer one).
   */
  async saveRouting(tx: EntityManager, routing: TicketRoutedV1, changedAt: string): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".ticket_view AS v (ticket_id, routed_at, updated_at)
       VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id) DO UPDATE SET
         routed_at = EXCLUDED.routed_at, updated_at = GREATEST(v.updated_at, EXCLUDED.updated_at)`,
      [routing.ticketId, routing.routedAt, changedAt],
    );
  }

  /** Callers apply only routing's newest priority (its own position), so this simply overwrites. */
  async setPriority(tx: EntityManager, ticketId: string, priority: Priority): Promise<void> {
    await tx.query(`UPDATE "${this.s}".ticket_view SET priority = $2 WHERE ticket_id = $1`, [ticketId, priority]);
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
    await tx.query(
      `UPDATE "${this.s}".ticket_view
       SET type = $2, category = $3, impact = $4, urgency = $5, priority = $6, reclassified_at = $7
       WHERE ticket_id = $1`,
      [
        ticketId,
        classification.type,
        classification.category,
        classification.impact,
        classification.urgency,
        classification.priority,
        at,
      ],
    );
  }

  /** The service-level targets as resolution last announced them (its newest, by the caller). */
  async setServiceLevel(tx: EntityManager, level: ServiceLevelChangedV1): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".ticket_view
       SET response_due_at = $2, resolution_due_at = $3, response_met_at = $4, resolution_met_at = $5
       WHERE ticket_id = $1`,
      [level.ticketId, level.responseDueAt, level.resolutionDueAt, level.respondedAt, level.resolvedAt],
    );
  }

  /** Creates the row if no event of the ticket was seen yet; keeps the time of the latest change. */
  async touch(tx: EntityManager, ticketId: string, changedAt: string): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".ticket_view AS v (ticket_id, updated_at) VALUES ($1, $2)
       ON CONFLICT (ticket_id) DO UPDATE SET updated_at = GREATEST(v.updated_at, EXCLUDED.updated_at)`,
      [ticketId, changedAt],
    );
  }

  /** The area of the latest step, whichever producer took it: an earlier step arriving late changes nothing. */
  async moveArea(tx: EntityManager, ticketId: string, area: string, at: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".ticket_view SET area = $2, area_changed_at = $3
       WHERE ticket_id = $1 AND (area_changed_at IS NULL OR area_changed_at < $3)`,
      [ticketId, area, at],
    );
  }

  /** Callers apply only resolution's newest status (EventPositions), so this simply overwrites. */
  async setStatus(tx: EntityManager, ticketId: string, status: TicketStatus): Promise<void> {
    await tx.query(`UPDATE "${this.s}".ticket_view SET status = $2 WHERE ticket_id = $1`, [ticketId, status]);
  }

  /** Likewise ordered by the caller, on the flag's own position. */
  async setWaitingOnRequester(tx: EntityManager, ticketId: string, waiting: boolean): Promise<void> {
    await tx.query(`UPDATE "${this.s}".ticket_view SET waiting_on_requester = $2 WHERE ticket_id = $1`, [
      ticketId,
      waiting,
    ]);
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
    await tx.query(
      `UPDATE "${this.s}".ticket_view SET assignee_id = $2, assignee_name = $3, assignee_changed_at = $4
       WHERE ticket_id = $1 AND (assignee_changed_at IS NULL OR assignee_changed_at < $4)`,
      [ticketId, assignee?.accountId ?? null, assignee?.name ?? null, at],
    );
  }

  /** The first time anyone took the ticket, in whatever order the takings arrive. */
  async markFirstResponse(tx: EntityManager, ticketId: string, at: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".ticket_view SET first_response_at = LEAST(first_response_at, $2) WHERE ticket_id = $1`,
      [ticketId, at],
    );
  }

  /** The latest submission for review; the status says whether the ticket is still resolved. */
  async markResolved(tx: EntityManager, ticketId: string, at: string): Promise<void> {
    await tx.query(`UPDATE "${this.s}".ticket_view SET resolved_at = GREATEST(resolved_at, $2) WHERE ticket_id = $1`, [
      ticketId,
      at,
    ]);
  }

  /** The latest closure; the status says whether the ticket is still closed. */
  async markClosed(tx: EntityManager, ticketId: string, at: string): Promise<void> {
    await tx.query(`UPDATE "${this.s}".ticket_view SET closed_at = GREATEST(closed_at, $2) WHERE ticket_id = $1`, [
      ticketId,
      at,
    ]);
  }

  /** Counting commutes, and the inbox applies each reopening once. */
  async countReopening(tx: EntityManager, ticketId: string): Promise<void> {
    await tx.query(`UPDATE "${this.s}".ticket_view SET reopened_count = reopened_count + 1 WHERE ticket_id = $1`, [
      ticketId,
    ]);
  }

  /** Con atraso is history: once a target was missed the ticket stays overdue, closed or not. */
  async markOverdue(tx: EntityManager, ticketId: string): Promise<void> {
    await tx.query(`UPDATE "${this.s}".ticket_view SET overdue = true WHERE ticket_id = $1`, [ticketId]);
  }

  /** The latest answer, should a reopened ticket be surveyed again. */
  async saveSatisfaction(tx: EntityManager, survey: SurveyAnsweredV1): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".ticket_view SET satisfaction = $2, satisfaction_score = $3, satisfaction_at = $4
       WHERE ticket_id = $1 AND (satisfaction_at IS NULL OR satisfaction_at < $4)`,
      [survey.ticketId, survey.satisfaction, survey.score ?? null, survey.at],
    );
  }

  /** One row per event: the event id is the key, so an event applied again adds nothing. */
  async addTimelineEntry(
    tx: EntityManager,
    eventId: string,
    ticketId: string,
    entry: TicketTimelineEntryV1,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".ticket_timeline
         (event_id, ticket_id, at, type, by, area, summary_es, summary_en, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        eventId,
        ticketId,
        entry.at,
        entry.type,
        entry.by ? JSON.stringify(entry.by) : null,
        entry.area,
        entry.summary.es,
        entry.summary.en,
        JSON.stringify(entry.details),
      ],
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
    await tx.query(
      `INSERT INTO "${this.s}".ticket_relations AS r (ticket_id, related_ticket_id, related_number, linked, sequence)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id, related_ticket_id) DO UPDATE
         SET linked = EXCLUDED.linked, sequence = EXCLUDED.sequence, related_number = EXCLUDED.related_number
         WHERE r.sequence < EXCLUDED.sequence`,
      [ticketId, related.ticketId, related.number, linked, sequence],
    );
  }

  /** The merge, from the event on either ticket's stream: the first to arrive writes it, the other finds it. */
  async recordMerge(tx: EntityManager, merge: TicketMergedV1): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".ticket_merges
         (duplicate_ticket_id, duplicate_number, original_ticket_id, original_number, merged_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (duplicate_ticket_id) DO NOTHING`,
      [merge.duplicate.ticketId, merge.duplicate.number, merge.original.ticketId, merge.original.number, merge.at],
    );
  }

  /** The ticket with its path, read in one statement so both come from the same committed state. */
  async findByNumber(number: number): Promise<TicketViewV1 | null> {
    const rows: TicketViewRow[] = await this.runtime.dataSource.query(
      `SELECT v.ticket_id, v.number, v.title, v.description, v.channel, v.type, v.category, v.service, v.impact, v.urgency,
              v.priority, v.area, v.status, v.overdue, v.jurisdiction, v.requester, v.reported_by,
              v.registered_by, v.attachments, v.registered_at, v.routed_at, v.updated_at, v.assignee_id,
              v.assignee_name, v.waiting_on_requester,
              COALESCE(
                (SELECT json_agg(json_build_object('number', r.related_number, 'title', o.title, 'status', o.status)
                                 ORDER BY r.related_number)
                 FROM "${this.s}".ticket_relations r
                 LEFT JOIN "${this.s}".ticket_view o ON o.ticket_id = r.related_ticket_id
                 WHERE r.ticket_id = v.ticket_id AND r.linked),
                '[]') AS related_tickets,
              (SELECT json_build_object('number', m.original_number, 'title', o.title, 'status', o.status)
               FROM "${this.s}".ticket_merges m
               LEFT JOIN "${this.s}".ticket_view o ON o.ticket_id = m.original_ticket_id
               WHERE m.duplicate_ticket_id = v.ticket_id) AS merged_into,
              COALESCE(
                (SELECT json_agg(json_build_object('number', m.duplicate_number, 'title', d.title, 'status', d.status)
                                 ORDER BY m.duplicate_number)
                 FROM "${this.s}".ticket_merges m
                 LEFT JOIN "${this.s}".ticket_view d ON d.ticket_id = m.duplicate_ticket_id
                 WHERE m.original_ticket_id = v.ticket_id),
                '[]') AS merged_tickets,
              COALESCE(
                (SELECT json_agg(
                          json_build_object(
                            'at', t.at, 'type', t.type, 'by', t.by, 'area', t.area,
                            'summary', json_build_object('es', t.summary_es, 'en', t.summary_en),
                            'details', t.details)
                          ORDER BY t.at, t.arrival)
                 FROM "${this.s}".ticket_timeline t WHERE t.ticket_id = v.ticket_id),
                '[]') AS timeline
       FROM "${this.s}".ticket_view v WHERE v.number = $1`,
      [number],
    );
    const row = rows[0];
    return row ? toView(row) : null;
  }

  /**
   * One page in the asked order, by keyset: every order is a row comparison on (sort key, number) served by
   * an index, so any page costs the same as the first and nothing is counted.
   */
  async list(criteria: TicketListCriteria): Promise<ListedTicket[]> {
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    // Every value goes in as a parameter; only fixed SQL is concatenated.
    const where = ['number IS NOT NULL'];
    switch (criteria.visibleTo.kind) {
      case 'all':
        break;
      case 'requester':
        where.push(`requester_email = ${param(criteria.visibleTo.email)}`);
        break;
      case 'jurisdiction':
        where.push(`jurisdiction = ${param(criteria.visibleTo.jurisdiction)}`);
        break;
    }
    const f = criteria.filters;
    const zone = () => param(criteria.timeZone);
    /** The first instant of a day in the installation's zone, or the instant given. */
    const startOf = (bound: DateBound) =>
      'day' in bound
        ? `(${param(bound.day)}::date::timestamp AT TIME ZONE ${zone()})`
        : `${param(bound.instant)}::timestamptz`;
    if (f.statuses !== undefined) {
      where.push(
        f.statuses.length === 1 ? `status = ${param(f.statuses[0])}` : `status = ANY(${param(f.statuses)}::text[])`,
      );
    }
    if (f.area !== undefined) where.push(`area = ${param(f.area)}`);
    if (f.priority !== undefined) where.push(`priority = ${param(f.priority)}`);
    if (f.requesterEmail !== undefined) where.push(`requester_email = ${param(f.requesterEmail)}`);
    if (f.jurisdiction !== undefined) where.push(`jurisdiction = ${param(f.jurisdiction)}`);
    if (f.text !== undefined) {
      const words = `search @@ "${this.s}".ticket_search_query(${param(f.text)})`;
      // A number alone also finds the ticket, its merged duplicates and the original it was merged into.
      const number = /^#?(\d{1,15})$/.exec(f.text.trim());
      if (number) {
        const n = param(Number(number[1]));
        where.push(
          `(${words} OR number = ${n}
            OR number IN (SELECT duplicate_number FROM "${this.s}".ticket_merges WHERE original_number = ${n})
            OR number IN (SELECT original_number FROM "${this.s}".ticket_merges WHERE duplicate_number = ${n}))`,
        );
      } else {
        where.push(words);
      }
    }
    if (f.assignee === null) where.push('assignee_id IS NULL');
    else if (f.assignee !== undefined) where.push(`assignee_id = ${param(f.assignee)}::uuid`);
    if (f.overdue !== undefined) where.push(`overdue = ${param(f.overdue)}`);
    if (f.dueWithin !== undefined) {
      // due_order is the resolution due date (or infinity): the bounds leave tickets without one out.
      where.push(
        `due_order > ${param(f.dueWithin.from)}::timestamptz`,
        `due_order <= ${param(f.dueWithin.to)}::timestamptz`,
        `status NOT IN ('resuelto', 'cerrado')`,
      );
    }
    if (f.waitingOnRequester !== undefined) where.push(`waiting_on_requester = ${param(f.waitingOnRequester)}`);
    if (f.type !== undefined) where.push(`type = ${param(f.type)}`);
    if (f.category !== undefined) where.push(`category = ${param(f.category)}`);
    if (f.channel !== undefined) where.push(`channel = ${param(f.channel)}`);
    if (f.registeredFrom !== undefined) where.push(`registered_at >= ${startOf(f.registeredFrom)}`);
    if (f.registeredTo !== undefined) {
      const to = f.registeredTo;
      where.push(
        'day' in to
          ? `registered_at < ((${param(to.day)}::date + 1)::timestamp AT TIME ZONE ${zone()})`
          : `registered_at <= ${param(to.instant)}::timestamptz`,
      );
    }
    if (f.updatedSince !== undefined) where.push(`updated_at >= ${startOf(f.updatedSince)}`);
    const order = ORDERS[criteria.sort];
    const after = criteria.after;
    if (after) where.push(order.after('key' in after ? param(after.key) : 'NULL', param(after.number)));
    const rows: TicketSummaryRow[] = await this.runtime.dataSource.query(
      `SELECT ticket_id, number, title, status, overdue, priority, area, jurisdiction, requester_email,
              requester_name, channel, type, category, impact, urgency, registered_at, updated_at, assignee_id,
              assignee_name, waiting_on_requester, response_due_at, resolution_due_at, response_met_at,
              (SELECT m.original_number FROM "${this.s}".ticket_merges m
               WHERE m.duplicate_ticket_id = ticket_view.ticket_id) AS merged_into,
              ${order.keyColumn ?? 'NULL'} AS sort_key
       FROM "${this.s}".ticket_view
       WHERE ${where.join(' AND ')}
       ORDER BY ${order.orderBy}
       LIMIT ${param(criteria.limit)}`,
      params,
    );
    return rows.map((row) => ({ summary: toSummary(row), sortKey: row.sort_key }));
  }
}

function toView(row: TicketViewRow): TicketViewV1 {
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

function toSummary(row: TicketSummaryRow): TicketSummaryV1 {
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
