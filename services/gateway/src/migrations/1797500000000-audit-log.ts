import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The administrators' audit log: who changed what, when, and the record before and after. The actor's
 * name and e-mail are copied as they were at the time (a later rename does not rewrite history). The log
 * reads newest first by (`at`, `seq`); `seq` breaks ties within a transaction and names a page's last
 * row. Every index ends in (`at`, `seq`), so a filter and a page are one index range, however old.
 */
export class AuditLog1797500000000 implements MigrationInterface {
  name = 'AuditLog1797500000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".audit_log (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid NOT NULL,
        actor_name text NOT NULL,
        actor_email text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await runner.query(`CREATE INDEX audit_log_at ON "${s}".audit_log (at, seq)`);
    await runner.query(`CREATE INDEX audit_log_target ON "${s}".audit_log (target_type, target_id, at, seq)`);
    await runner.query(`CREATE INDEX audit_log_actor ON "${s}".audit_log (actor_id, at, seq)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".audit_log`);
  }
}
