import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Who last edited the priority matrix through the API, and when. Once an administrator has edited it,
 * CAU_PRIORITY_MATRIX no longer overwrites it at start: the variable becomes a seed only.
 */
export class RoutingPriorityMatrixEdits1798400000000 implements MigrationInterface {
  name = 'RoutingPriorityMatrixEdits1798400000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".priority_matrix_edits (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        edited_by uuid NOT NULL,
        edited_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".priority_matrix_edits`);
  }
}
