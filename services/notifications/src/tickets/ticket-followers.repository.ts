import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';

export interface TicketFollower {
  email: string;
  name: string;
}

/** Who follows a ticket besides its requester: the requesters of the duplicates merged into it. */
@Injectable()
export class TicketFollowersRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Lower-cased as opt-outs are stored; a second merge by the same person adds nobody. */
  async add(
    tx: EntityManager,
    follower: TicketFollower & { ticketId: string; duplicateNumber: number; at: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".ticket_followers (ticket_id, email, name, duplicate_number, at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [follower.ticketId, follower.email.toLowerCase(), follower.name, follower.duplicateNumber, follower.at],
    );
  }

  /** With the number of each follower's own (merged) ticket, the one their portal shows them. */
  async of(tx: EntityManager, ticketId: string): Promise<Array<TicketFollower & { duplicateNumber: number }>> {
    const rows: Array<{ email: string; name: string; duplicate_number: string }> = await tx.query(
      `SELECT email, name, duplicate_number FROM "${this.s}".ticket_followers WHERE ticket_id = $1 ORDER BY at, email`,
      [ticketId],
    );
    return rows.map((row) => ({ email: row.email, name: row.name, duplicateNumber: Number(row.duplicate_number) }));
  }
}
