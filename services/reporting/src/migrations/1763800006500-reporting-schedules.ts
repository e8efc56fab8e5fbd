import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Scheduled reports: `report_schedules` (what administrators configured) and `report_runs` (one row per
 * schedule and period mailed, written in the transaction that puts the report's event in the outbox, so
 * however many instances look, each period of a schedule is reported once).
 */
export class ReportingSchedules1763800006500 implements MigrationInterface {
  name = 'ReportingSchedules1763800006500';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".report_schedules (
        id uuid PRIMARY KEY,
        granularity text NOT NULL CHECK (granularity IN ('day', 'week', 'month')),
        recipients text[] NOT NULL CHECK (cardinality(recipients) > 0),
        language text NOT NULL CHECK (language IN ('es', 'en')),
        created_by jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE "${s}".report_runs (
        schedule_id uuid NOT NULL REFERENCES "${s}".report_schedules (id) ON DELETE CASCADE,
        period_start date NOT NULL,
        -- The report's event, written later in the claiming transaction (NULL only within it).
        event_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (schedule_id, period_start)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".report_runs, "${s}".report_schedules`);
  }
}
