import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/** The service offered (catalogue code) a ticket is about; null where none was named. */
export class TicketServices1798600000000 implements MigrationInterface {
  name = 'TicketServices1798600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "${schemaOf(runner)}".tickets ADD COLUMN service text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "${schemaOf(runner)}".tickets DROP COLUMN service`);
  }
}
