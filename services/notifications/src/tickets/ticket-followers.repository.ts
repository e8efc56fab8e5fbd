import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, fetchRows } from '@cau/persistence';
import { notificationsRows } from '../rows.js';

export interface TicketFollower {
  email: string;
  name: string;
}

/** Who follows a ticket besides its requester: the requesters of the duplicates merged into it. */
@Injectable()
export class TicketFollowersRepository {
  private readonly db = notificationsRows;

  /** Lower-cased as opt-outs are stored; a second merge by the same person adds nobody. */
  async add(
    tx: EntityManager,
    follower: TicketFollower & { ticketId: string; duplicateNumber: number; at: string },
  ): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('ticket_followers')
        .values({
          ticket_id: follower.ticketId,
          email: follower.email.toLowerCase(),
          name: follower.name,
          duplicate_number: follower.duplicateNumber,
          at: follower.at,
        })
        .onConflict((conflict) => conflict.doNothing()),
    );
  }

  /** With the number of each follower's own (merged) ticket, the one their portal shows them. */
  async of(tx: EntityManager, ticketId: string): Promise<Array<TicketFollower & { duplicateNumber: number }>> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('ticket_followers')
        .select(['email', 'name', 'duplicate_number'])
        .where('ticket_id', '=', ticketId)
        .orderBy('at')
        .orderBy('email'),
    );
    return rows.map((row) => ({ email: row.email, name: row.name, duplicateNumber: Number(row.duplicate_number) }));
  }
}
