import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The lifecycle resolution owns: registration facts copied from intake, assignment, solution, review,
 * the ticket's history, waits on the requester, SLA policies, calendars and breaches, closure reports
 * and surveys. `ticket.registered` may now arrive before `ticket.routed`, so area and priority become
 * optional until routing's event is seen.
 */
export class ResolutionLifecycle1763800003100 implements MigrationInterface {
  name = 'ResolutionLifecycle1763800003100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE "${s}".tickets
        ALTER COLUMN area DROP NOT NULL,
        ALTER COLUMN priority DROP NOT NULL,
        ALTER COLUMN routed_at DROP NOT NULL,
        ADD COLUMN requester_email text,
        ADD COLUMN jurisdiction text,
        ADD COLUMN title text,
        ADD COLUMN registered_at timestamptz,
        ADD COLUMN assignee_id uuid,
        ADD COLUMN assignee_name text,
        ADD COLUMN estimate_minutes integer,
        ADD COLUMN solution text,
        ADD COLUMN solution_elements text,
        ADD COLUMN downtime_minutes integer,
        ADD COLUMN solution_by jsonb,
        ADD COLUMN solution_at timestamptz,
        ADD COLUMN article_ref text,
        ADD COLUMN waiting_since timestamptz,
        ADD COLUMN response_due_at timestamptz,
        ADD COLUMN resolution_due_at timestamptz,
        ADD COLUMN response_met_at timestamptz,
        ADD COLUMN resolved_at timestamptz,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN overdue boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT tickets_status_check CHECK (status IN ('abierto', 'en_curso', 'resuelto', 'cerrado'))`);
    // The sweeper's two questions, each answered from a partial index holding only undecided targets
    // (open, or met late and not yet reported); tickets that met their targets in time drop out.
    await runner.query(`
      CREATE INDEX tickets_response_sweep_idx ON "${s}".tickets (response_due_at)
      WHERE response_met_at IS NULL OR response_met_at > response_due_at`);
    await runner.query(`
      CREATE INDEX tickets_resolution_sweep_idx ON "${s}".tickets (resolution_due_at)
      WHERE status NOT IN ('resuelto', 'cerrado') OR resolved_at > resolution_due_at`);

    await runner.query(`
      CREATE TABLE "${s}".ticket_steps (
        step_id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES "${s}".tickets (ticket_id),
        at timestamptz NOT NULL,
        action text NOT NULL,
        area text,
        by_account_id uuid,
        by_name text,
        by_role text,
        minutes integer,
        notes text,
        from_area text,
        to_area text
      )`);
    await runner.query(`CREATE INDEX ticket_steps_ticket_idx ON "${s}".ticket_steps (ticket_id, at, step_id)`);

    await runner.query(`
      CREATE TABLE "${s}".requester_waits (
        ticket_id uuid NOT NULL REFERENCES "${s}".tickets (ticket_id),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        PRIMARY KEY (ticket_id, started_at),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX requester_waits_open_idx ON "${s}".requester_waits (ticket_id) WHERE ended_at IS NULL`,
    );

    await runner.query(`
      CREATE TABLE "${s}".sla_policies (
        priority text PRIMARY KEY CHECK (priority IN ('ALTA', 'MEDIA', 'BAJA')),
        response_minutes integer NOT NULL CHECK (response_minutes > 0),
        resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Business minutes (Monday–Friday 08:00–16:00): ALTA 30 min / 4 h, MEDIA 2 h / 2 days, BAJA 1 day / 5 days.
    await runner.query(`
      INSERT INTO "${s}".sla_policies (priority, response_minutes, resolution_minutes)
      VALUES ('ALTA', 30, 240), ('MEDIA', 120, 960), ('BAJA', 480, 2400)`);

    await runner.query(`
      CREATE TABLE "${s}".calendars (
        code text PRIMARY KEY CHECK (code <> 'default'),
        zone text NOT NULL,
        week jsonb NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE "${s}".jurisdiction_calendars (
        jurisdiction text PRIMARY KEY,
        calendar text NOT NULL REFERENCES "${s}".calendars (code)
      )`);
    // calendar = 'default' holds the holidays of the deployment's calendar (CAU_TIME_ZONE).
    await runner.query(`
      CREATE TABLE "${s}".holidays (
        calendar text NOT NULL,
        day date NOT NULL,
        name text,
        PRIMARY KEY (calendar, day)
      )`);

    await runner.query(`
      CREATE TABLE "${s}".sla_breaches (
        ticket_id uuid NOT NULL REFERENCES "${s}".tickets (ticket_id),
        target text NOT NULL CHECK (target IN ('response', 'resolution')),
        due_at timestamptz NOT NULL,
        detected_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, target)
      )`);

    await runner.query(`
      CREATE TABLE "${s}".closure_reports (
        ticket_id uuid PRIMARY KEY REFERENCES "${s}".tickets (ticket_id),
        report jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);

    await runner.query(`
      CREATE TABLE "${s}".surveys (
        ticket_id uuid PRIMARY KEY REFERENCES "${s}".tickets (ticket_id),
        satisfaction text NOT NULL CHECK (satisfaction IN ('satisfecho', 'regular', 'insatisfecho')),
        score integer CHECK (score BETWEEN 1 AND 5),
        comment text,
        answered_by uuid NOT NULL,
        answered_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(
      `DROP TABLE "${s}".surveys, "${s}".closure_reports, "${s}".sla_breaches, "${s}".holidays,
         "${s}".jurisdiction_calendars, "${s}".calendars, "${s}".sla_policies, "${s}".requester_waits,
         "${s}".ticket_steps`,
    );
    await runner.query(`DROP INDEX "${s}".tickets_response_sweep_idx, "${s}".tickets_resolution_sweep_idx`);
    await runner.query(`
      ALTER TABLE "${s}".tickets
        DROP CONSTRAINT tickets_status_check,
        DROP COLUMN requester_email, DROP COLUMN jurisdiction, DROP COLUMN title, DROP COLUMN registered_at,
        DROP COLUMN assignee_id, DROP COLUMN assignee_name, DROP COLUMN estimate_minutes, DROP COLUMN solution,
        DROP COLUMN solution_elements, DROP COLUMN downtime_minutes, DROP COLUMN solution_by,
        DROP COLUMN solution_at, DROP COLUMN article_ref, DROP COLUMN waiting_since, DROP COLUMN response_due_at,
        DROP COLUMN resolution_due_at, DROP COLUMN response_met_at, DROP COLUMN resolved_at, DROP COLUMN closed_at,
        DROP COLUMN overdue`);
  }
}
