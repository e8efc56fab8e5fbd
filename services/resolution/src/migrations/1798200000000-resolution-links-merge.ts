import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Related tickets and merged duplicates (issue 12). A relation is stored once per pair, the smaller
 * ticket id first, so it is symmetric by construction. A merged duplicate takes the terminal status
 * `fusionado` and names its original; the original keeps the people told of its progress besides its
 * own requester (the requesters of the duplicates merged into it). The sweeper's partial index leaves
 * merged tickets out, as their targets pass to the original.
 */
export class ResolutionLinksMerge1798200000000 implements MigrationInterface {
  name = 'ResolutionLinksMerge1798200000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE "${s}".tickets
        DROP CONSTRAINT tickets_status_check,
        ADD CONSTRAINT tickets_status_check CHECK (status IN ('abierto', 'en_curso', 'resuelto', 'cerrado', 'fusionado')),
        ADD COLUMN merged_into uuid REFERENCES "${s}".tickets (ticket_id),
        ADD COLUMN merged_at timestamptz,
        ADD CONSTRAINT tickets_merged_check CHECK ((status = 'fusionado') = (merged_into IS NOT NULL))`);
    await runner.query(
      `CREATE INDEX tickets_merged_into_idx ON "${s}".tickets (merged_into) WHERE merged_into IS NOT NULL`,
    );
    await runner.query(`DROP INDEX "${s}".tickets_resolution_sweep_idx`);
    await runner.query(`
      CREATE INDEX tickets_resolution_sweep_idx ON "${s}".tickets (resolution_due_at)
      WHERE status NOT IN ('resuelto', 'cerrado', 'fusionado') OR resolved_at > resolution_due_at`);
    await runner.query(`
      CREATE TABLE "${s}".ticket_links (
        low_ticket_id uuid NOT NULL REFERENCES "${s}".tickets (ticket_id),
        high_ticket_id uuid NOT NULL REFERENCES "${s}".tickets (ticket_id),
        linked_at timestamptz NOT NULL,
        linked_by jsonb NOT NULL,
        PRIMARY KEY (low_ticket_id, high_ticket_id),
        CONSTRAINT ticket_links_ordered CHECK (low_ticket_id < high_ticket_id)
      )`);
    await runner.query(`CREATE INDEX ticket_links_high_idx ON "${s}".ticket_links (high_ticket_id)`);
    await runner.query(`
      CREATE TABLE "${s}".ticket_followers (
        ticket_id uuid NOT NULL REFERENCES "${s}".tickets (ticket_id),
        email text NOT NULL,
        name text NOT NULL,
        from_ticket_id uuid NOT NULL REFERENCES "${s}".tickets (ticket_id),
        added_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, email)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".ticket_followers, "${s}".ticket_links`);
    await runner.query(`DROP INDEX "${s}".tickets_resolution_sweep_idx`);
    await runner.query(`
      CREATE INDEX tickets_resolution_sweep_idx ON "${s}".tickets (resolution_due_at)
      WHERE status NOT IN ('resuelto', 'cerrado') OR resolved_at > resolution_due_at`);
    await runner.query(`
      ALTER TABLE "${s}".tickets
        DROP CONSTRAINT tickets_merged_check,
        DROP COLUMN merged_at,
        DROP COLUMN merged_into,
        DROP CONSTRAINT tickets_status_check,
        ADD CONSTRAINT tickets_status_check CHECK (status IN ('abierto', 'en_curso', 'resuelto', 'cerrado'))`);
  }
}
