import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Comments on a ticket's timeline. The caller picks the comment id; its primary key makes a retried
 * comment (a mail processed again after a crash) add nothing.
 */
export class ResolutionComments1763800003200 implements MigrationInterface {
  name = 'ResolutionComments1763800003200';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".ticket_comments (
        comment_id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES "${s}".tickets (ticket_id),
        at timestamptz NOT NULL,
        by_account_id uuid NOT NULL,
        by_name text NOT NULL,
        by_role text NOT NULL,
        channel text NOT NULL,
        text text NOT NULL
      )`);
    await runner.query(`CREATE INDEX ticket_comments_ticket_idx ON "${s}".ticket_comments (ticket_id, at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".ticket_comments`);
  }
}
