import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
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

/** A copy as `unnest` gives it back, one row per ticket. */
interface NewTicketRow {
  ticket_id: string;
  number: string;
  requester_email: string;
  requester_name: string;
  title: string;
  jurisdiction: string;
  registration_event_id: string;
  registered_at: string;
}

@Injectable()
export class TicketCopyRepository {
  private readonly db = notificationsRows;

  /**
   * Many copies in one statement (a consumer batch's registrations); the first copy of a ticket is kept, so a
   * redelivered registration changes nothing.
   */
  async recordMany(tx: EntityManager, tickets: readonly TicketCopy[]): Promise<void> {
    if (tickets.length === 0) return;
    const column = <K extends keyof TicketCopy>(key: K): Array<TicketCopy[K]> => tickets.map((t) => t[key]);
    const t = sql<NewTicketRow>`unnest(
      ${column('ticketId')}::uuid[], ${column('number')}::bigint[], ${column('requesterEmail')}::text[],
      ${column('requesterName')}::text[], ${column('title')}::text[], ${column('jurisdiction')}::text[],
      ${column('registrationEventId')}::uuid[], ${column('registeredAt')}::timestamptz[])`.as<'t'>(
      sql`t (ticket_id, number, requester_email, requester_name, title, jurisdiction, registration_event_id, registered_at)`,
    );
    await execute(
      tx,
      this.db
        .insertInto('tickets')
        .columns([
          'ticket_id',
          'number',
          'requester_email',
          'requester_name',
          'title',
          'jurisdiction',
          'registration_event_id',
          'registered_at',
        ])
        .expression((eb) => eb.selectFrom(t).selectAll())
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
