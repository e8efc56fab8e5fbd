import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The productivity report reads the steps of a period by type (tickets taken, work logged) from the
 * tickets' paths: an index on both, so a month reads its own steps rather than every ticket's path (the
 * facts closed in a period already have theirs, ticket_facts_closed_at_idx).
 */
export class ReportingProductivity1798300000000 implements MigrationInterface {
  name = 'ReportingProductivity1798300000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`CREATE INDEX ticket_timeline_type_at_idx ON "${s}".ticket_timeline (type, at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP INDEX "${s}".ticket_timeline_type_at_idx`);
  }
}
