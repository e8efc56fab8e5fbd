import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/** Equipment out for repair (F03 "Salida de Equipo de Cómputo") and its return. */
export class InventoryRepairs1798900000200 implements MigrationInterface {
  name = 'InventoryRepairs1798900000200';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".repairs (
        id uuid PRIMARY KEY,
        ticket_number bigint NOT NULL,
        ticket_id uuid NOT NULL,
        equipment_id uuid NOT NULL REFERENCES "${s}".equipment(id),
        taken_by text NOT NULL,
        destination text NOT NULL,
        left_at timestamptz NOT NULL,
        expected_return date NOT NULL,
        report_number text,
        reason text NOT NULL,
        recorded_by_id uuid NOT NULL,
        recorded_by_name text NOT NULL,
        returned_on date,
        condition text CHECK (condition IN ('funciona', 'no_funciona', 'reemplazado')),
        return_note text,
        returned_by_id uuid,
        returned_by_name text
      )`);
    // One open repair per machine: it cannot leave twice.
    await runner.query(
      `CREATE UNIQUE INDEX repairs_open_idx ON "${s}".repairs (equipment_id) WHERE returned_on IS NULL`,
    );
    await runner.query(`CREATE INDEX repairs_ticket_idx ON "${s}".repairs (ticket_number, left_at)`);
    await runner.query(`CREATE INDEX repairs_equipment_idx ON "${s}".repairs (equipment_id, left_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".repairs`);
  }
}
