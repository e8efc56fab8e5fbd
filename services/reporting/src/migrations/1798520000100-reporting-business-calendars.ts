import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Reporting's copy of the business calendars resolution announces (`sla.calendars-changed`): the fact
 * rows count business minutes on them, holidays included, as the SLA clocks do. Version 0 (nothing
 * announced yet) counts on the deployment's default calendar without holidays.
 */
export class ReportingBusinessCalendars1798520000100 implements MigrationInterface {
  name = 'ReportingBusinessCalendars1798520000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".business_calendars (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL,
        calendars jsonb NOT NULL
      )`);
    await runner.query(`INSERT INTO "${s}".business_calendars (version, calendars) VALUES (0, '[]')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".business_calendars`);
  }
}
