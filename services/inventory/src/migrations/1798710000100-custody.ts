import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/** Custody (resguardo): who held each piece of equipment, from when until when. */
export class InventoryCustody1798710000100 implements MigrationInterface {
  name = 'InventoryCustody1798710000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".custody_periods (
        id uuid PRIMARY KEY,
        equipment_id uuid NOT NULL REFERENCES "${s}".equipment(id),
        requester_id uuid NOT NULL,
        holder_name text NOT NULL,
        holder_email text NOT NULL,
        since timestamptz NOT NULL,
        until timestamptz,
        assigned_by_id uuid NOT NULL,
        assigned_by_name text NOT NULL,
        returned_by_id uuid,
        returned_by_name text,
        note text,
        CHECK (until IS NULL OR until >= since)
      )`);
    // One open custody per piece of equipment: a transfer closes the old one in the same transaction.
    await runner.query(
      `CREATE UNIQUE INDEX custody_open_idx ON "${s}".custody_periods (equipment_id) WHERE until IS NULL`,
    );
    await runner.query(`CREATE INDEX custody_equipment_idx ON "${s}".custody_periods (equipment_id, since DESC)`);
    await runner.query(`CREATE INDEX custody_requester_idx ON "${s}".custody_periods (requester_id, since DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".custody_periods`);
  }
}
