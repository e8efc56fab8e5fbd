import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import { execute, fetchFirst } from '@cau/persistence';
import { notificationsRows } from '../rows.js';
import type { Tickets } from '../rows.generated.js';

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

type TicketRow = Selectable<Tickets>;

@Injectable()
export class TicketCopyRepository {
  private readonly db = notificationsRows;

  /** Keeps the first copy: a redelivered registration changes nothing. */
  async record(tx: EntityManager, ticket: TicketCopy): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('tickets')
        .values({
          ticket_id: ticket.ticketId,
          number: ticket.number,
          requester_email: ticket.requesterEmail,
          requester_name: ticket.requesterName,
          title: ticket.title,
          jurisdiction: ticket.jurisdiction,
          registration_event_id: ticket.registrationEventId,
          registered_at: ticket.registeredAt,
        })
        .onConflict((conflict) => conflict.column('ticket_id').doNothing()),
    );
  }

  async find(tx: EntityManager, ticketId: string): Promise<TicketCopy | null> {
    const row = await fetchFirst(tx, this.db.selectFrom('tickets').selectAll().where('ticket_id', '=', ticketId));
    return row ? toTicketCopy(row) : null;
  }

  async findByNumber(tx: EntityManager, number: number): Promise<TicketCopy | null> {
    const row = await fetchFirst(
      tx,
      this.db.selectFrom('tickets').selectAll().where('number', '=', String(number)).limit(1),
    );
    return row ? toTicketCopy(row) : null;
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
