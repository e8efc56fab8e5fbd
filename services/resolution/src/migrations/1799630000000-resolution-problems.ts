import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Issue 18 (docs/domain.md § Post-assistance evaluation): problem records. A problem groups recurring incidents; `problem_tickets` keys on
 * the ticket, so a ticket is in at most one problem. Actions taken are an append-only log.
 */
export class ResolutionProblems1799630000000 implements MigrationInterface {
  name = 'ResolutionProblems1799630000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`CREATE SEQUENCE "${s}".problem_numbers`);
    await runner.query(`
      CREATE TABLE "${s}".problems (
        problem_id uuid PRIMARY KEY,
        number bigint NOT NULL UNIQUE DEFAULT nextval('"${s}".problem_numbers'),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'abierto',
        area text NOT NULL,
        root_cause text,
        workaround text,
        workaround_article_id uuid,
        created_by jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX problems_status_area_idx ON "${s}".problems (status, area)`);
    await runner.query(`
      CREATE TABLE "${s}".problem_tickets (
        ticket_id uuid PRIMARY KEY,
        problem_id uuid NOT NULL REFERENCES "${s}".problems (problem_id),
        linked_at timestamptz NOT NULL,
        linked_by jsonb NOT NULL
      )`);
    await runner.query(`CREATE INDEX problem_tickets_problem_idx ON "${s}".problem_tickets (problem_id)`);
    await runner.query(`
      CREATE TABLE "${s}".problem_actions (
        action_id bigserial PRIMARY KEY,
        problem_id uuid NOT NULL REFERENCES "${s}".problems (problem_id),
        at timestamptz NOT NULL,
        by jsonb NOT NULL,
        text text NOT NULL
      )`);
    await runner.query(`CREATE INDEX problem_actions_problem_idx ON "${s}".problem_actions (problem_id, action_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".problem_actions`);
    await runner.query(`DROP TABLE "${s}".problem_tickets`);
    await runner.query(`DROP TABLE "${s}".problems`);
    await runner.query(`DROP SEQUENCE "${s}".problem_numbers`);
  }
}
