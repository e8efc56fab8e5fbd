import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ByV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

/** A relation is stored once per pair, the smaller ticket id first. */
function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** Related tickets, merged duplicates and the people an original tells of its progress besides its requester. */
@Injectable()
export class TicketLinkRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Relates the two tickets; false when they already were (linking again changes nothing). */
  async link(tx: EntityManager, a: string, b: string, at: Date, by: ByV1): Promise<boolean> {
    const [low, high] = ordered(a, b);
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".ticket_links (low_ticket_id, high_ticket_id, linked_at, linked_by)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [low, high, at, JSON.stringify(by)],
    );
    return rows.length === 1;
  }

  /** Ends the relation; false when there was none. */
  async unlink(tx: EntityManager, a: string, b: string): Promise<boolean> {
    const [low, high] = ordered(a, b);
    // A SELECT around the DELETE: TypeORM answers a bare DELETE with [rows, count].
    const rows: Array<{ n: number }> = await tx.query(
      `WITH gone AS (
         DELETE FROM "${this.s}".ticket_links WHERE low_ticket_id = $1 AND high_ticket_id = $2 RETURNING 1
       ) SELECT count(*)::int AS n FROM gone`,
      [low, high],
    );
    return rows[0]!.n === 1;
  }

  /** The numbers of the tickets merged into this one. */
  async mergedInto(tx: EntityManager, ticketId: string): Promise<number[]> {
    const rows: Array<{ number: string }> = await tx.query(
      `SELECT number FROM "${this.s}".tickets WHERE merged_into = $1 ORDER BY number`,
      [ticketId],
    );
    return rows.map((r) => Number(r.number));
  }

  async numberOf(tx: EntityManager, ticketId: string): Promise<number | null> {
    const rows: Array<{ number: string }> = await tx.query(
      `SELECT number FROM "${this.s}".tickets WHERE ticket_id = $1`,
      [ticketId],
    );
    return rows[0] ? Number(rows[0].number) : null;
  }

  /** Someone else the ticket's progress is told to (the requester of a duplicate merged into it). */
  async addFollower(
    tx: EntityManager,
    follower: { ticketId: string; email: string; name: string; fromTicketId: string; at: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".ticket_followers (ticket_id, email, name, from_ticket_id, added_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [follower.ticketId, follower.email, follower.name, follower.fromTicketId, follower.at],
    );
  }
}
