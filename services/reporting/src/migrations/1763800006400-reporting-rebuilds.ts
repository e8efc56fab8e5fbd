import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * `read_model_rebuilds`: one row per rebuild of the read models (docs/architecture.md, Reporting), with its
 * progress, so any instance can report it. At most one runs at a time.
 */
export class ReportingRebuilds1763800006400 implements MigrationInterface {
  name = 'ReportingRebuilds1763800006400';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".read_model_rebuilds (
        id uuid PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
        requested_by jsonb NOT NULL,
        -- Last stream sequence when the replay started, and how far it has got.
        target_seq bigint NOT NULL DEFAULT 0,
        replayed_seq bigint NOT NULL DEFAULT 0,
        events_applied bigint NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        -- Written with every batch: a running row that stops moving belongs to a stopped instance.
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        error text
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX read_model_rebuilds_one_running ON "${s}".read_model_rebuilds ((true))
       WHERE state = 'running'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".read_model_rebuilds`);
  }
}
