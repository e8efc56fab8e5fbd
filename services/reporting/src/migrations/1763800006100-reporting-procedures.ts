import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * What the procedures add to the ticket view: the state the lifecycle and derivation events change, and
 * the ticket's path (one timeline row per event).
 *
 * Two producers move a ticket between areas (routing derives it, resolution's events restate where it
 * is), so no producer's sequence can order those changes: `area` and `assignee` keep the time of the
 * step that set them and only a later step overwrites them.
 */
export class ReportingProcedures1763800006100 implements MigrationInterface {
  name = 'ReportingProcedures1763800006100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE "${s}".ticket_view
        ADD COLUMN area_changed_at timestamptz,
        ADD COLUMN assignee_id uuid,
        ADD COLUMN assignee_name text,
        ADD COLUMN assignee_changed_at timestamptz,
        ADD COLUMN waiting_on_requester boolean NOT NULL DEFAULT false,
        ADD COLUMN first_response_at timestamptz,
        ADD COLUMN resolved_at timestamptz,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN reopened_count integer NOT NULL DEFAULT 0,
        ADD COLUMN satisfaction text,
        ADD COLUMN satisfaction_score smallint,
        ADD COLUMN satisfaction_at timestamptz,
        ADD CONSTRAINT ticket_view_assignee_complete CHECK ((assignee_id IS NULL) = (assignee_name IS NULL))`);
    // Until now only routing set the area, at the time it routed the ticket.
    await runner.query(`UPDATE "${s}".ticket_view SET area_changed_at = routed_at WHERE area IS NOT NULL`);
    // Keyed by the event id, so an event applied again (a replay after the inbox was cleared) adds no row.
    // `arrival` orders steps recorded with the same time.
    await runner.query(`
      CREATE TABLE "${s}".ticket_timeline (
        event_id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL,
        at timestamptz NOT NULL,
        arrival bigint GENERATED ALWAYS AS IDENTITY,
        type text NOT NULL,
        by jsonb,
        area text,
        summary_es text NOT NULL,
        summary_en text NOT NULL,
        details jsonb NOT NULL
      )`);
    await runner.query(`CREATE INDEX ticket_timeline_ticket_idx ON "${s}".ticket_timeline (ticket_id, at, arrival)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".ticket_timeline`);
    await runner.query(`
      ALTER TABLE "${s}".ticket_view
        DROP CONSTRAINT ticket_view_assignee_complete,
        DROP COLUMN area_changed_at, DROP COLUMN assignee_id, DROP COLUMN assignee_name,
        DROP COLUMN assignee_changed_at, DROP COLUMN waiting_on_requester, DROP COLUMN first_response_at,
        DROP COLUMN resolved_at, DROP COLUMN closed_at, DROP COLUMN reopened_count, DROP COLUMN satisfaction,
        DROP COLUMN satisfaction_score, DROP COLUMN satisfaction_at`);
  }
}
