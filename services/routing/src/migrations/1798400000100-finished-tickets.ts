import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Whether a ticket's work has ended (`cerrado`, or `fusionado` into another ticket), learnt from
 * resolution's events: a finished ticket is not derived anywhere. NULL while it is being worked on.
 */
export class RoutingFinishedTickets1798400000100 implements MigrationInterface {
  name = 'RoutingFinishedTickets1798400000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "${schemaOf(runner)}".tickets ADD COLUMN finished_as text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "${schemaOf(runner)}".tickets DROP COLUMN finished_as`);
  }
}
