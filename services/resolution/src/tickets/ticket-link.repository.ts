import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ByV1 } from '@cau/contracts';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';

/** A relation is stored once per pair, the smaller ticket id first. */
function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** Related tickets, merged duplicates and the people an original tells of its progress besides its requester. */
@Injectable()
export class TicketLinkRepository {
  /** Relates the two tickets; false when they already were (linking again changes nothing). */
  async link(tx: EntityManager, a: string, b: string, at: Date, by: ByV1): Promise<boolean> {
    const [low, high] = ordered(a, b);
    const rows = await fetchRows(
      tx,
      db
        .insertInto('ticket_links')
        .values({ low_ticket_id: low, high_ticket_id: high, linked_at: at, linked_by: JSON.stringify(by) })
        .onConflict((conflict) => conflict.doNothing())
        .returning(sql<number>`1`.as('linked')),
    );
    return rows.length === 1;
  }

  /** Ends the relation; false when there was none. */
  async unlink(tx: EntityManager, a: string, b: string): Promise<boolean> {
    const [low, high] = ordered(a, b);
    const rows = await fetchRows(
      tx,
      db
        .deleteFrom('ticket_links')
        .where('low_ticket_id', '=', low)
        .where('high_ticket_id', '=', high)
        .returning(sql<number>`1`.as('unlinked')),
    );
    return rows.length === 1;
  }

  /** The numbers of the tickets merged into this one. */
  async mergedInto(tx: EntityManager, ticketId: string): Promise<number[]> {
    const rows = await fetchRows(
      tx,
      db.selectFrom('tickets').select('number').where('merged_into', '=', ticketId).orderBy('number'),
    );
    return rows.map((r) => Number(r.number));
  }

  async numberOf(tx: EntityManager, ticketId: string): Promise<number | null> {
    const row = await fetchFirst(tx, db.selectFrom('tickets').select('number').where('ticket_id', '=', ticketId));
    return row ? Number(row.number) : null;
  }

  /** Someone else the ticket's progress is told to (the requester of a duplicate merged into it). */
  async addFollower(
    tx: EntityManager,
    follower: { ticketId: string; email: string; name: string; fromTicketId: string; at: Date },
  ): Promise<void> {
    await execute(
      tx,
      db
        .insertInto('ticket_followers')
        .values({
          ticket_id: follower.ticketId,
          email: follower.email,
          name: follower.name,
          from_ticket_id: follower.fromTicketId,
          added_at: follower.at,
        })
        .onConflict((conflict) => conflict.doNothing()),
    );
  }
}
