import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Impact, Priority, TicketClassificationV1, TicketType, Urgency } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

export interface RoutedTicket {
  ticketId: string;
  number: number;
  type: TicketType;
  category: string;
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  area: string;
  routedAt: Date;
  /** NULL for tickets routed before routing recorded them (they match no title rule, only staff see them). */
  title: string | null;
  requesterEmail: string | null;
  jurisdiction: string | null;
}

interface TicketRow {
  ticket_id: string;
  number: string;
  type: TicketType;
  category: string;
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  area: string;
  routed_at: Date;
  title: string | null;
  requester_email: string | null;
  jurisdiction: string | null;
}

const COLUMNS =
  'ticket_id, number, type, category, impact, urgency, priority, area, routed_at, title, requester_email, jurisdiction';

@Injectable()
export class RoutedTicketRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Inserts the ticket's first routing; false when it was already routed (nothing changes then). */
  async insertIfNew(tx: EntityManager, ticket: RoutedTicket): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".tickets (${COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (ticket_id) DO NOTHING RETURNING 1`,
      [
        ticket.ticketId,
        ticket.number,
        ticket.type,
        ticket.category,
        ticket.impact,
        ticket.urgency,
        ticket.priority,
        ticket.area,
        ticket.routedAt,
        ticket.title,
        ticket.requesterEmail,
        ticket.jurisdiction,
      ],
    );
    return rows.length > 0;
  }

  /** `requested` when it is a configured area (a monitoring alert's), else the entry area. */
  async startingArea(tx: EntityManager, requested: string | undefined): Promise<string> {
    if (requested) {
      const rows: Array<{ code: string }> = await tx.query(`SELECT code FROM "${this.s}".areas WHERE code = $1`, [
        requested,
      ]);
      if (rows[0]) return rows[0].code;
    }
    return this.entryArea(tx);
  }

  async entryArea(tx: EntityManager): Promise<string> {
    const rows: Array<{ code: string }> = await tx.query(`SELECT code FROM "${this.s}".areas WHERE is_entry LIMIT 1`);
    if (!rows[0]) throw new Error('no entry area configured (areas.is_entry)');
    return rows[0].code;
  }

  /** One lookup on the unique number index: the gateway asks before every resolution command. */
  async findByNumber(number: number): Promise<RoutedTicket | null> {
    const rows: TicketRow[] = await this.runtime.dataSource.query(
      `SELECT ${COLUMNS} FROM "${this.s}".tickets WHERE number = $1`,
      [number],
    );
    return rows[0] ? toTicket(rows[0]) : null;
  }

  /**
   * The ticket with routing's event sequence for it, read in one statement so the two agree (a
   * derivation changes both in one transaction).
   */
  async locate(number: number): Promise<{ ticket: RoutedTicket; sequence: number } | null> {
    const rows: Array<TicketRow & { sequence: string | null }> = await this.runtime.dataSource.query(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `t.${c}`)
        .join(', ')}, q.sequence
       FROM "${this.s}".tickets t LEFT JOIN "${this.s}".sequences q ON q.ticket_id = t.ticket_id
       WHERE t.number = $1`,
      [number],
    );
    const row = rows[0];
    return row ? { ticket: toTicket(row), sequence: Number(row.sequence ?? 0) } : null;
  }

  /**
   * The ticket, locked until the transaction ends: a concurrent derivation of the same ticket waits
   * here and then starts from the area this transaction leaves it in.
   */
  async lockByNumber(tx: EntityManager, number: number): Promise<RoutedTicket | null> {
    const rows: TicketRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM "${this.s}".tickets WHERE number = $1 FOR UPDATE`,
      [number],
    );
    return rows[0] ? toTicket(rows[0]) : null;
  }

  /** `cerrado` or `fusionado` once the ticket's work has ended; null while it is worked on (or unknown). */
  async finishedAs(tx: EntityManager, ticketId: string): Promise<string | null> {
    const rows: Array<{ finished_as: string | null }> = await tx.query(
      `SELECT finished_as FROM "${this.s}".tickets WHERE ticket_id = $1`,
      [ticketId],
    );
    return rows[0]?.finished_as ?? null;
  }

  async markFinished(tx: EntityManager, ticketId: string, finishedAs: string | null): Promise<void> {
    await tx.query(`UPDATE "${this.s}".tickets SET finished_as = $2 WHERE ticket_id = $1`, [ticketId, finishedAs]);
  }

  async moveTo(tx: EntityManager, ticketId: string, area: string): Promise<void> {
    await tx.query(`UPDATE "${this.s}".tickets SET area = $2 WHERE ticket_id = $1`, [ticketId, area]);
  }

  /** The corrected classification (the caller holds the row lock from `lockByNumber`). */
  async reclassify(tx: EntityManager, ticketId: string, classification: TicketClassificationV1): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".tickets SET type = $2, category = $3, impact = $4, urgency = $5, priority = $6
        WHERE ticket_id = $1`,
      [
        ticketId,
        classification.type,
        classification.category,
        classification.impact,
        classification.urgency,
        classification.priority,
      ],
    );
  }

  /** Whether another ticket of this category (compared case-insensitively) was ever derived to `area`. */
  async categoryDerivedTo(category: string, area: string, exceptTicketId: string): Promise<boolean> {
    const rows: Array<{ found: boolean }> = await this.runtime.dataSource.query(
      `SELECT EXISTS (
         SELECT 1 FROM "${this.s}".tickets t
           JOIN "${this.s}".derivations d ON d.ticket_id = t.ticket_id AND d.to_area = $2
          WHERE lower(t.category) = lower($1) AND t.ticket_id <> $3
       ) AS found`,
      [category, area, exceptTicketId],
    );
    return rows[0]?.found === true;
  }

  /** Areas that hold at least one ticket now (a graph edit must keep them and a way out of them). */
  async occupiedAreas(tx: EntityManager): Promise<string[]> {
    const rows: Array<{ code: string }> = await tx.query(
      `SELECT code FROM "${this.s}".areas a WHERE EXISTS (SELECT 1 FROM "${this.s}".tickets t WHERE t.area = a.code)`,
    );
    return rows.map((r) => r.code);
  }
}

function toTicket(row: TicketRow): RoutedTicket {
  return {
    ticketId: row.ticket_id,
    number: Number(row.number),
    type: row.type,
    category: row.category,
    impact: row.impact,
    urgency: row.urgency,
    priority: row.priority,
    area: row.area,
    routedAt: row.routed_at,
    title: row.title,
    requesterEmail: row.requester_email,
    jurisdiction: row.jurisdiction,
  };
}
