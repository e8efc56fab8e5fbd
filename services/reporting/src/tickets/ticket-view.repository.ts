import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AttachmentLinkV1,
  Channel,
  ContactV1,
  Impact,
  Priority,
  TicketRegisteredV1,
  TicketRoutedV1,
  TicketStatus,
  TicketSummaryV1,
  TicketType,
  TicketViewV1,
  Urgency,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { Visibility } from './ticket-visibility.js';

/** What a list query asks for, after validation and with the caller's visibility resolved. */
export interface TicketListCriteria {
  status?: TicketStatus | undefined;
  area?: string | undefined;
  priority?: Priority | undefined;
  /** Lower-case e-mail. */
  requesterEmail?: string | undefined;
  jurisdiction?: string | undefined;
  text?: string | undefined;
  before?: number | undefined;
  limit: number;
  visibleTo: Exclude<Visibility, { kind: 'none' }>;
}

interface TicketViewRow {
  ticket_id: string;
  number: string;
  title: string;
  description: string;
  channel: Channel;
  type: TicketType;
  category: string;
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
  registered_at: Date;
}

/**
 * The ticket view of the reporting schema. Each event owns its own columns: an upsert writes only
 * those, so whichever event arrives first creates the row and the other fills in the rest.
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
          updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (ticket_id) DO UPDATE SET
         number = EXCLUDED.number, title = EXCLUDED.title, description = EXCLUDED.description,
         channel = EXCLUDED.channel, type = EXCLUDED.type, category = EXCLUDED.category,
         impact = EXCLUDED.impact, urgency = EXCLUDED.urgency, jurisdiction = EXCLUDED.jurisdiction,
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
      ],
    );
  }

  async saveRouting(tx: EntityManager, routing: TicketRoutedV1, changedAt: string): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".ticket_view AS v (ticket_id, priority, area, routed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id) DO UPDATE SET
         priority = EXCLUDED.priority, area = EXCLUDED.area, routed_at = EXCLUDED.routed_at,
         updated_at = GREATEST(v.updated_at, EXCLUDED.updated_at)`,
      [routing.ticketId, routing.priority, routing.area, routing.routedAt, changedAt],
    );
  }

  async findByNumber(number: number): Promise<TicketViewV1 | null> {
    const rows: TicketViewRow[] = await this.runtime.dataSource.query(
      `SELECT ticket_id, number, title, description, channel, type, category, impact, urgency, priority, area,
              status, overdue, jurisdiction, requester, reported_by, registered_by, attachments, registered_at,
              routed_at, updated_at
       FROM "${this.s}".ticket_view WHERE number = $1`,
      [number],
    );
    const row = rows[0];
    return row ? toView(row) : null;
  }

  /** One page, newest first; keyset on number so any page costs the same as the first. */
  async list(criteria: TicketListCriteria): Promise<TicketSummaryV1[]> {
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
    if (criteria.status !== undefined) where.push(`status = ${param(criteria.status)}`);
    if (criteria.area !== undefined) where.push(`area = ${param(criteria.area)}`);
    if (criteria.priority !== undefined) where.push(`priority = ${param(criteria.priority)}`);
    if (criteria.requesterEmail !== undefined) where.push(`requester_email = ${param(criteria.requesterEmail)}`);
    if (criteria.jurisdiction !== undefined) where.push(`jurisdiction = ${param(criteria.jurisdiction)}`);
    if (criteria.text !== undefined) where.push(`search @@ "${this.s}".ticket_search_query(${param(criteria.text)})`);
    if (criteria.before !== undefined) where.push(`number < ${param(criteria.before)}`);
    const rows: TicketSummaryRow[] = await this.runtime.dataSource.query(
      `SELECT ticket_id, number, title, status, overdue, priority, area, jurisdiction, requester_email,
              requester_name, channel, type, category, registered_at
       FROM "${this.s}".ticket_view
       WHERE ${where.join(' AND ')}
       ORDER BY number DESC
       LIMIT ${param(criteria.limit)}`,
      params,
    );
    return rows.map(toSummary);
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
    registeredAt: row.registered_at.toISOString(),
  };
}
