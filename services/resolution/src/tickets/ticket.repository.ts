import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ByV1, Priority, TicketStatus } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { Pause } from '../sla/due-dates.js';
import type { ServiceLevelFacts, ServiceLevelState } from '../sla/service-level.js';
import type { TicketChanges, TicketRecord } from '../domain/ticket-record.js';

interface TicketRow {
  ticket_id: string;
  number: string;
  area: string | null;
  priority: Priority | null;
  status: TicketStatus;
  requester_email: string | null;
  requester_id: string | null;
  requester_name: string | null;
  jurisdiction: string | null;
  title: string | null;
  registered_at: Date | null;
  routed_at: Date | null;
  assignee_id: string | null;
  assignee_name: string | null;
  solution: string | null;
  solution_elements: string | null;
  downtime_minutes: number | null;
  solution_by: ByV1 | null;
  solution_at: Date | null;
  article_ref: string | null;
  waiting_since: Date | null;
  response_met_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  overdue: boolean;
  merged_into: string | null;
}

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

export interface DueDatesRow {
  ticketId: string;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/** Resolution's copy of each ticket and the lifecycle it owns, with its waits on the requester. */
@Injectable()
export class TicketRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async findByNumber(
    number: number,
    tx: EntityManager = this.runtime.dataSource.manager,
  ): Promise<TicketRecord | null> {
    const rows: TicketRow[] = await tx.query(`SELECT * FROM "${this.s}".tickets WHERE number = $1`, [number]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async serviceLevelByNumber(number: number): Promise<ServiceLevelRow | null> {
    const rows: Array<{
      number: string;
      status: TicketStatus;
      area: string | null;
      requester_email: string | null;
      jurisdiction: string | null;
      response_due_at: Date | null;
      resolution_due_at: Date | null;
      response_met_at: Date | null;
      resolved_at: Date | null;
    }> = await this.runtime.dataSource.query(
      `SELECT number, status, area, requester_email, jurisdiction, response_due_at, resolution_due_at, response_met_at, resolved_at
       FROM "${this.s}".tickets WHERE number = $1`,
      [number],
    );
    const row = rows[0];
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
    const rows: TicketRow[] = await tx.query(`SELECT * FROM "${this.s}".tickets WHERE number = $1 FOR UPDATE`, [
      number,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Events may arrive in any order: the first one about a ticket creates its row, the others fill it in. */
  async lockOrCreate(tx: EntityManager, ticketId: string, number: number): Promise<TicketRecord> {
    await tx.query(
      `INSERT INTO "${this.s}".tickets (ticket_id, number) VALUES ($1, $2) ON CONFLICT (ticket_id) DO NOTHING`,
      [ticketId, number],
    );
    const rows: TicketRow[] = await tx.query(`SELECT * FROM "${this.s}".tickets WHERE ticket_id = $1 FOR UPDATE`, [
      ticketId,
    ]);
    return toRecord(rows[0]!);
  }

  async findById(tx: EntityManager, ticketId: string): Promise<TicketRecord> {
    const rows: TicketRow[] = await tx.query(`SELECT * FROM "${this.s}".tickets WHERE ticket_id = $1`, [ticketId]);
    return toRecord(rows[0]!);
  }

  async saveRegistration(
    tx: EntityManager,
    ticketId: string,
    registration: {
      requesterEmail: string;
      requesterId: string;
      requesterName: string;
      jurisdiction: string;
      service: string | null;
      title: string;
      registeredAt: Date;
    },
  ): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".tickets
       SET requester_email = $2, jurisdiction = $3, title = $4, registered_at = $5, requester_id = $6,
           requester_name = $7, service = $8, updated_at = now()
       WHERE ticket_id = $1`,
      [
        ticketId,
        registration.requesterEmail,
        registration.jurisdiction,
        registration.title,
        registration.registeredAt,
        registration.requesterId,
        registration.requesterName,
        registration.service,
      ],
    );
  }

  async saveRouting(
    tx: EntityManager,
    ticketId: string,
    routing: { priority: Priority | null; routedAt: Date },
  ): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".tickets SET priority = $2, routed_at = $3, updated_at = now() WHERE ticket_id = $1`,
      [ticketId, routing.priority, routing.routedAt],
    );
  }

  /** Moves the ticket to another area; whoever was assigned belonged to the old one, so the assignment ends. */
  async moveToArea(tx: EntityManager, ticketId: string, area: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".tickets
       SET assignee_id = CASE WHEN area IS DISTINCT FROM $2 THEN NULL ELSE assignee_id END,
           assignee_name = CASE WHEN area IS DISTINCT FROM $2 THEN NULL ELSE assignee_name END,
           area = $2, updated_at = now()
       WHERE ticket_id = $1`,
      [ticketId, area],
    );
  }

  async update(tx: EntityManager, ticketId: string, changes: TicketChanges): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [ticketId];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (changes.status !== undefined) set('status', changes.status);
    if (changes.assignee !== undefined) {
      set('assignee_id', changes.assignee?.accountId ?? null);
      set('assignee_name', changes.assignee?.name ?? null);
    }
    if (changes.estimateMinutes !== undefined) set('estimate_minutes', changes.estimateMinutes);
    if (changes.solution !== undefined) {
      set('solution', changes.solution.text);
      set('solution_elements', changes.solution.elements);
      set('downtime_minutes', changes.solution.downtimeMinutes);
      set('solution_by', JSON.stringify(changes.solution.by));
      set('solution_at', changes.solution.at);
    }
    if (changes.articleRef !== undefined) set('article_ref', changes.articleRef);
    if (changes.waitingSince !== undefined) set('waiting_since', changes.waitingSince);
    if (changes.responseMetAt !== undefined) set('response_met_at', changes.responseMetAt);
    if (changes.resolvedAt !== undefined) set('resolved_at', changes.resolvedAt);
    if (changes.closedAt !== undefined) set('closed_at', changes.closedAt);
    if (changes.merged !== undefined) {
      set('merged_into', changes.merged.into);
      set('merged_at', changes.merged.at);
    }
    if (sets.length === 0) return;
    await tx.query(
      `UPDATE "${this.s}".tickets SET ${sets.join(', ')}, updated_at = now() WHERE ticket_id = $1`,
      values,
    );
  }

  async startWaiting(tx: EntityManager, ticketId: string, at: Date): Promise<void> {
    await tx.query(`INSERT INTO "${this.s}".requester_waits (ticket_id, started_at) VALUES ($1, $2)`, [ticketId, at]);
  }

  async stopWaiting(tx: EntityManager, ticketId: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".requester_waits SET ended_at = greatest($2, started_at)
       WHERE ticket_id = $1 AND ended_at IS NULL`,
      [ticketId, at],
    );
  }

  /** SLA facts of the given tickets, or of every ticket not yet closed. */
  async slaFacts(tx: EntityManager, ticketIds?: readonly string[]): Promise<SlaFacts[]> {
    const tickets: Array<{
      ticket_id: string;
      start: Date | null;
      priority: Priority | null;
      jurisdiction: string | null;
      service: string | null;
    }> = await tx.query(
      `SELECT ticket_id, coalesce(registered_at, routed_at) AS start, priority, jurisdiction, service
       FROM "${this.s}".tickets
       WHERE ${ticketIds ? 'ticket_id = ANY($1::uuid[])' : `status NOT IN ('cerrado', 'fusionado')`}`,
      ticketIds ? [ticketIds] : [],
    );
    if (tickets.length === 0) return [];
    const waits: Array<{ ticket_id: string; started_at: Date; ended_at: Date | null }> = await tx.query(
      `SELECT ticket_id, started_at, ended_at FROM "${this.s}".requester_waits WHERE ticket_id = ANY($1::uuid[])`,
      [tickets.map((t) => t.ticket_id)],
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
    await tx.query(`UPDATE "${this.s}".tickets SET priority = $2, updated_at = now() WHERE ticket_id = $1`, [
      ticketId,
      priority,
    ]);
  }

  /** What the service level of the given tickets (or of every ticket not yet closed) is read from. */
  async serviceLevelFacts(tx: EntityManager, ticketIds?: readonly string[]): Promise<AnnouncedServiceLevelRow[]> {
    const rows: Array<{
      ticket_id: string;
      number: string;
      area: string | null;
      priority: Priority | null;
      status: TicketStatus;
      response_due_at: Date | null;
      resolution_due_at: Date | null;
      response_met_at: Date | null;
      resolved_at: Date | null;
      announced_service_level: ServiceLevelState | null;
    }> = await tx.query(
      `SELECT ticket_id, number, area, priority, status, response_due_at, resolution_due_at, response_met_at,
              resolved_at, announced_service_level
       FROM "${this.s}".tickets
       WHERE ${ticketIds ? 'ticket_id = ANY($1::uuid[])' : `status NOT IN ('cerrado', 'fusionado')`}`,
      ticketIds ? [ticketIds] : [],
    );
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      number: Number(r.number),
      area: r.area,
      priority: r.priority,
      status: r.status,
      responseDueAt: r.response_due_at,
      resolutionDueAt: r.resolution_due_at,
      responseMetAt: r.response_met_at,
      resolvedAt: r.resolved_at,
      announced: r.announced_service_level,
    }));
  }

  async markServiceLevelAnnounced(
    tx: EntityManager,
    rows: ReadonlyArray<{ ticketId: string; announced: ServiceLevelState }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `UPDATE "${this.s}".tickets t SET announced_service_level = d.announced
       FROM unnest($1::uuid[], $2::jsonb[]) AS d (ticket_id, announced)
       WHERE t.ticket_id = d.ticket_id`,
      [rows.map((r) => r.ticketId), rows.map((r) => JSON.stringify(r.announced))],
    );
  }

  /**
   * Tickets with targets or met times known but never announced (set before the event existed), locked
   * for the caller's transaction; rows another instance holds are skipped.
   */
  async claimUnannounced(tx: EntityManager, limit: number): Promise<string[]> {
    const rows: Array<{ ticket_id: string }> = await tx.query(
      `SELECT ticket_id FROM "${this.s}".tickets
       WHERE announced_service_level IS NULL
         AND (response_due_at IS NOT NULL OR resolution_due_at IS NOT NULL OR response_met_at IS NOT NULL)
       ORDER BY ticket_id
       LIMIT $1
       FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => r.ticket_id);
  }

  async setDueDates(tx: EntityManager, rows: readonly DueDatesRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `UPDATE "${this.s}".tickets t
       SET response_due_at = d.response_due_at, resolution_due_at = d.resolution_due_at
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS d (ticket_id, response_due_at, resolution_due_at)
       WHERE t.ticket_id = d.ticket_id`,
      [rows.map((r) => r.ticketId), rows.map((r) => r.responseDueAt), rows.map((r) => r.resolutionDueAt)],
    );
  }
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
