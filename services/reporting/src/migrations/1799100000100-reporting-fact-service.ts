import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Reports break down by ticket type and by service offered too (issue 14): the facts keep the service
 * (from the ticket view, where registration put it), and kpi_daily is filled again, in the zone the
 * service runs in, at the next start (a NULL zone makes `ensureDaily` rebuild it with the new dimensions).
 */
export class ReportingFactService1799100000100 implements MigrationInterface {
  name = 'ReportingFactService1799100000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".ticket_facts ADD COLUMN service text`);
    await runner.query(
      `UPDATE "${s}".ticket_facts f SET service = v.service
       FROM "${s}".ticket_view v WHERE v.ticket_id = f.ticket_id AND v.service IS NOT NULL`,
    );
    await runner.query(`UPDATE "${s}".kpi_daily_state SET zone = NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DELETE FROM "${s}".kpi_daily WHERE dimension IN ('type', 'service')`);
    await runner.query(`ALTER TABLE "${s}".ticket_facts DROP COLUMN service`);
  }
}
