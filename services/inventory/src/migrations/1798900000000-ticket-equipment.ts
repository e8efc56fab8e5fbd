import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/** Equipment on tickets (issue 15): which equipment a ticket names, who linked it and when. */
export class InventoryTicketEquipment1798900000000 implements MigrationInterface {
  name = 'InventoryTicketEquipment1798900000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".ticket_equipment (
        ticket_number bigint NOT NULL,
        ticket_id uuid NOT NULL,
        equipment_id uuid NOT NULL REFERENCES "${s}".equipment(id),
        linked_by_id uuid NOT NULL,
        linked_by_name text NOT NULL,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_number, equipment_id)
      )`);
    await runner.query(
      `CREATE INDEX ticket_equipment_equipment_idx ON "${s}".ticket_equipment (equipment_id, linked_at DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".ticket_equipment`);
  }
}
