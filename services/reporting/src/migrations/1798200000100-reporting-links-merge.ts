import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Related tickets and merged duplicates (issue 12). Each ticket's `ticket.linked`/`ticket.unlinked` events
 * keep its own side of a relation, the newest by resolution's sequence winning (events may arrive out of
 * order); a merge is one row, written by the event on either ticket's stream (whichever comes first).
 * A merged duplicate leaves the KPI backlog when it is merged: its fact keeps `merged_at`, and `kpi_daily`
 * counts it in `merged` (open = opened − closed − merged), never in `closed`.
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
    await runner.query(`ALTER TABLE "${s}".ticket_facts ADD COLUMN merged_at timestamptz`);
    await runner.query(`ALTER TABLE "${s}".kpi_daily ADD COLUMN merged integer NOT NULL DEFAULT 0`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".kpi_daily DROP COLUMN merged`);
    await runner.query(`ALTER TABLE "${s}".ticket_facts DROP COLUMN merged_at`);
    await runner.query(`DROP TABLE "${s}".ticket_merges, "${s}".ticket_relations`);
  }
}
