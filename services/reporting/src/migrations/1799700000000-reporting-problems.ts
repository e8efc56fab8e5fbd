import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Problem records (docs/domain.md § Post-assistance evaluation) as the reports need them: each problem as its newest `problem.changed`
 * left it, and which problem each ticket is linked to (resolution's `problem.ticket-*` events). The
 * incidents' status and registration are the ticket view's, joined when a report asks.
 */
export class ReportingProblems1799700000000 implements MigrationInterface {
  name = 'ReportingProblems1799700000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".problems (
        problem_id uuid PRIMARY KEY,
        number bigint NOT NULL,
        title text NOT NULL,
        status text NOT NULL,
        area text NOT NULL,
        -- The change the row shows: an older event arriving late does not undo a newer one.
        changed_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX problems_open_idx ON "${s}".problems (area) WHERE status <> 'cerrado'`);
    await runner.query(`
      CREATE TABLE "${s}".problem_tickets (
        ticket_id uuid PRIMARY KEY,
        problem_id uuid NOT NULL,
        linked_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX problem_tickets_problem_idx ON "${s}".problem_tickets (problem_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".problem_tickets`);
    await runner.query(`DROP TABLE "${s}".problems`);
  }
}
