import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/** Field visits on tickets (issue 15): planned (when, who) and then recorded (who went, times, what was done). */
export class InventoryFieldVisits1798900000100 implements MigrationInterface {
  name = 'InventoryFieldVisits1798900000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".field_visits (
        id uuid PRIMARY KEY,
        ticket_number bigint NOT NULL,
        ticket_id uuid NOT NULL,
        planned_for timestamptz NOT NULL,
        planned_by_id uuid NOT NULL,
        planned_by_name text NOT NULL,
        note text,
        visitor_kind text NOT NULL CHECK (visitor_kind IN ('staff', 'contractor')),
        visitor_account_id uuid,
        visitor_name text,
        company text,
        technician text,
        report_number text,
        arrived_at timestamptz,
        departed_at timestamptz,
        work_done text,
        recorded_by_id uuid,
        recorded_by_name text,
        recorded_at timestamptz,
        CHECK (departed_at IS NULL OR departed_at >= arrived_at)
      )`);
    await runner.query(`CREATE INDEX field_visits_ticket_idx ON "${s}".field_visits (ticket_number, planned_for)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".field_visits`);
  }
}
