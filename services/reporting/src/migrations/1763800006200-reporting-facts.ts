import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * `ticket_facts`: one narrow row per registered ticket with what the indicators aggregate (docs/indicators.md).
 * It is rebuilt from the ticket view and the ticket's path after every event of the ticket, so it is
 * exactly as order-safe and replay-safe as they are, and reports never touch the wide view or the path.
 *
 * Each indicator counts a ticket in the period of one of its milestones (registered, first response,
 * closed, survey, first breach): each milestone has its own index so a period reads only its rows.
 */
export class ReportingFacts1763800006200 implements MigrationInterface {
  name = 'ReportingFacts1763800006200';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".ticket_facts (
        ticket_id uuid PRIMARY KEY,
        number bigint NOT NULL,
        registered_at timestamptz NOT NULL,
        type text NOT NULL,
        channel text NOT NULL,
        category text NOT NULL,
        jurisdiction text NOT NULL,
        requester_email text NOT NULL,
        priority text,
        area text,
        status text NOT NULL,
        first_response_at timestamptz,
        first_response_business_minutes double precision,
        first_response_calendar_minutes double precision,
        first_derived_at timestamptz,
        derivations integer NOT NULL DEFAULT 0,
        solved_at timestamptz,
        closed_at timestamptz,
        resolution_business_minutes double precision,
        resolution_calendar_minutes double precision,
        reopened_at timestamptz,
        reopened_count integer NOT NULL DEFAULT 0,
        satisfaction text,
        satisfaction_at timestamptz,
        response_breached_at timestamptz,
        resolution_breached_at timestamptz,
        -- The first breach of either target: when the ticket became "con atraso".
        breached_at timestamptz,
        -- Set only while the ticket is closed, so "closed in the period" is one range on one column.
        CONSTRAINT ticket_facts_closed_is_closed CHECK ((closed_at IS NULL) OR status = 'cerrado')
      )`);
    for (const column of ['registered_at', 'first_response_at', 'closed_at', 'satisfaction_at', 'breached_at']) {
      await runner.query(
        `CREATE INDEX ticket_facts_${column}_idx ON "${s}".ticket_facts (${column}) WHERE ${column} IS NOT NULL`,
      );
    }
    // Tickets open at the start of a report are those registered before it and not closed: those still
    // open now are few, whatever the history's size.
    await runner.query(
      `CREATE INDEX ticket_facts_open_idx ON "${s}".ticket_facts (registered_at) WHERE closed_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".ticket_facts`);
  }
}
