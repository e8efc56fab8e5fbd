import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Who registered a ticket's latest solution, and in which area, kept on its fact row (written with the rest
 * of the row from the ticket's path): the productivity report's "solved" and "resolved by area" read the
 * facts closed in the period instead of looking each one's path up (a year over 1,000,000 tickets took
 * longer than the gateway waits). Filled once from the paths.
 */
export class ReportingFactSolver1798520000200 implements MigrationInterface {
  name = 'ReportingFactSolver1798520000200';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE "${s}".ticket_facts
        ADD COLUMN solver_account_id text, ADD COLUMN solver_name text, ADD COLUMN solver_area text`);
    await runner.query(`
      UPDATE "${s}".ticket_facts f
      SET solver_account_id = l.account_id, solver_name = l.name, solver_area = l.area
      FROM (
        SELECT DISTINCT ON (t.ticket_id) t.ticket_id, t.by->>'accountId' AS account_id, t.by->>'name' AS name, t.area
        FROM "${s}".ticket_timeline t WHERE t.type = 'ticket.solution-proposed'
        ORDER BY t.ticket_id, t.at DESC, t.arrival DESC
      ) l
      WHERE l.ticket_id = f.ticket_id`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE "${s}".ticket_facts
        DROP COLUMN solver_account_id, DROP COLUMN solver_name, DROP COLUMN solver_area`);
  }
}
