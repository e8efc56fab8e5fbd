import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/** The conformity at the end of a field attention (docs/domain.md § Field service, activity 09): the latest one per ticket. */
export class InventorySignOffs1798900000300 implements MigrationInterface {
  name = 'InventorySignOffs1798900000300';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".sign_offs (
        ticket_number bigint PRIMARY KEY,
        ticket_id uuid NOT NULL,
        conforme boolean NOT NULL,
        comments text,
        user_name text NOT NULL,
        user_drawing text,
        head_name text NOT NULL,
        head_drawing text,
        staff_name text NOT NULL,
        staff_drawing text,
        recorded_by_id uuid NOT NULL,
        recorded_by_name text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".sign_offs`);
  }
}
