import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/** The service offered a ticket is about (catalogue code), shown in its view; null where none was named. */
export class ReportingTicketService1798600000200 implements MigrationInterface {
  name = 'ReportingTicketService1798600000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "${schemaOf(runner)}".ticket_view ADD COLUMN service text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "${schemaOf(runner)}".ticket_view DROP COLUMN service`);
  }
}
