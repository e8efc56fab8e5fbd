import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The requesters of duplicates merged into a ticket (issue 12), from `ticket.merged` on the original's
 * stream: they are mailed the original's solution and closure as its own requester is.
 */
export class TicketFollowers1798510000000 implements MigrationInterface {
  name = 'TicketFollowers1798510000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".ticket_followers (
        ticket_id uuid NOT NULL,
        email text NOT NULL,
        name text NOT NULL,
        duplicate_number bigint NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, email)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".ticket_followers`);
  }
}
