import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Impact, Priority, TicketType, Urgency } from '@cau/contracts';
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
}

@Injectable()
export class RoutedTicketRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Inserts the ticket's first routing; false when it was already routed (nothing changes then). */
  async insertIfNew(tx: EntityManager, ticket: RoutedTicket): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".tickets (ticket_id, number, type, category, impact, urgency, priority, area, routed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
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
      ],
    );
    return rows.length > 0;
  }

  async entryArea(tx: EntityManager): Promise<string> {
    const rows: Array<{ code: string }> = await tx.query(`SELECT code FROM "${this.s}".areas WHERE is_entry LIMIT 1`);
    if (!rows[0]) throw new Error('no entry area configured (areas.is_entry)');
    return rows[0].code;
  }
}
