import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Times per step of the field procedure (docs/domain.md § Field service; issue 15): inventory's field events as reporting keeps
 * them, each ticket's measured steps (rewritten after every event of the ticket) and the targets, the
 * procedure's own times (MX-PR15) until an administrator changes them.
 */
export class ReportingStepTimes1799500000000 implements MigrationInterface {
  name = 'ReportingStepTimes1799500000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".field_events (
        event_id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL,
        type text NOT NULL,
        at timestamptz NOT NULL,
        -- The visit or the repair the event is about (none for a sign-off).
        subject_id uuid,
        arrived_at timestamptz,
        departed_at timestamptz
      )`);
    await runner.query(`CREATE INDEX field_events_ticket_idx ON "${s}".field_events (ticket_id)`);
    await runner.query(`
      CREATE TABLE "${s}".ticket_step_times (
        ticket_id uuid NOT NULL,
        step text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL,
        minutes double precision NOT NULL,
        PRIMARY KEY (ticket_id, step)
      )`);
    await runner.query(`CREATE INDEX ticket_step_times_step_idx ON "${s}".ticket_step_times (step, ended_at)`);
    await runner.query(`
      CREATE TABLE "${s}".step_targets (
        step text PRIMARY KEY,
        minutes integer CHECK (minutes IS NULL OR minutes > 0),
        updated_at timestamptz,
        updated_by jsonb
      )`);
    await runner.query(
      `INSERT INTO "${s}".step_targets (step, minutes) VALUES
         ('01', 10), ('02', 180), ('03', 180), ('04', 10), ('05', 720), ('06', 10),
         ('07', 240), ('08', 10), ('08b', NULL), ('09', 10), ('10', 10)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".step_targets, "${s}".ticket_step_times, "${s}".field_events`);
  }
}
