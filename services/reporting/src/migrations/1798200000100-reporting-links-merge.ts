import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Related tickets and merged duplicates (issue 12). Each ticket's `ticket.linked`/`ticket.unlinked` events
 * keep its own side of a relation, the newest by resolution's sequence winning (events may arrive out of
 * order); a merge is one row, written by the event on either ticket's stream (whichever comes first).
 */
export class ReportingLinksMerge1798200000100 implements MigrationInterface {
  name = 'ReportingLinksMerge1798200000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".ticket_relations (
        ticket_id uuid NOT NULL,
        related_ticket_id uuid NOT NULL,
        related_number bigint NOT NULL,
        linked boolean NOT NULL,
        sequence bigint NOT NULL,
        PRIMARY KEY (ticket_id, related_ticket_id)
      )`);
    await runner.query(`
      CREATE TABLE "${s}".ticket_merges (
        duplicate_ticket_id uuid PRIMARY KEY,
        duplicate_number bigint NOT NULL,
        original_ticket_id uuid NOT NULL,
        original_number bigint NOT NULL,
        merged_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX ticket_merges_original_idx ON "${s}".ticket_merges (original_ticket_id)`);
    await runner.query(`CREATE INDEX ticket_merges_original_number_idx ON "${s}".ticket_merges (original_number)`);
    await runner.query(`CREATE INDEX ticket_merges_duplicate_number_idx ON "${s}".ticket_merges (duplicate_number)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".ticket_merges, "${s}".ticket_relations`);
  }
}
