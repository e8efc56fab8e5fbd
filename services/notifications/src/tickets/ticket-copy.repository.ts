import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';

/** The facts of a ticket the mails need and lifecycle events do not carry, copied from `ticket.registered`. */
export interface TicketCopy {
  ticketId: string;
  number: number;
  /** Lower case, as deliveries are keyed. */
  requesterEmail: string;
  requesterName: string;
  title: string;
  jurisdiction: string;
  /** The id of the `ticket.registered` event: the registration mail's Message-ID is derived from it. */
  registrationEventId: string;
  registeredAt: string;
}

interface TicketRow {
  ticket_id: string;
  number: string;
  requester_email: string;
  requester_name: string;
  title: string;
  jurisdiction: string;
  registration_event_id: string;
  registered_at: Date;
}

@Injectable()
export class TicketCopyRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Keeps the first copy: a redelivered registration changes nothing. */
  async record(tx: EntityManager, ticket: TicketCopy): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".tickets
         (ticket_id, number, requester_email, requester_name, title, jurisdiction, registration_event_id, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (ticket_id) DO NOTHING`,
      [
        ticket.ticketId,
        ticket.number,
        ticket.requesterEmail,
        ticket.requesterName,
        ticket.title,
        ticket.jurisdiction,
        ticket.registrationEventId,
        ticket.registeredAt,
      ],
    );
  }

  async find(tx: EntityManager, ticketId: string): Promise<TicketCopy | null> {
    const rows: TicketRow[] = await tx.query(`SELECT * FROM "${this.s}".tickets WHERE ticket_id = $1`, [ticketId]);
    return rows[0] ? toTicketCopy(rows[0]) : null;
  }

  async findByNumber(tx: EntityManager, number: number): Promise<TicketCopy | null> {
    const rows: TicketRow[] = await tx.query(`SELECT * FROM "${this.s}".tickets WHERE number = $1 LIMIT 1`, [number]);
    return rows[0] ? toTicketCopy(rows[0]) : null;
  }
}

function toTicketCopy(row: TicketRow): TicketCopy {
  return {
    ticketId: row.ticket_id,
    number: Number(row.number),
    requesterEmail: row.requester_email,
    requesterName: row.requester_name,
    title: row.title,
    jurisdiction: row.jurisdiction,
    registrationEventId: row.registration_event_id,
    registeredAt: row.registered_at.toISOString(),
  };
}

/** Thrown for a lifecycle event that arrives before its ticket's registration: the consumer retries it later. */
export class TicketNotYetKnownError extends Error {
  constructor(
    readonly ticketId: string,
    readonly eventType: string,
  ) {
    super(`${eventType} for ticket ${ticketId} arrived before its ticket.registered; will retry`);
  }
}
