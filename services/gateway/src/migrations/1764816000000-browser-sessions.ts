import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The portal's browser sessions (shared by every gateway instance) and each account's chosen portal
 * language. Only the SHA-256 of a session's cookie is kept. `idle_expires_at` never passes
 * `absolute_expires_at`, so it alone says whether a session is still alive.
 */
export class BrowserSessions1764816000000 implements MigrationInterface {
  name = 'BrowserSessions1764816000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".sessions (
        token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        account_id uuid NOT NULL REFERENCES "${s}".accounts (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        idle_expires_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        client_address text,
        user_agent text,
        CONSTRAINT sessions_idle_within_absolute CHECK (idle_expires_at <= absolute_expires_at)
      )`);
    await runner.query(`CREATE INDEX sessions_account_idx ON "${s}".sessions (account_id)`);
    await runner.query(`CREATE INDEX sessions_idle_expiry_idx ON "${s}".sessions (idle_expires_at)`);
    await runner.query(`ALTER TABLE "${s}".accounts ADD COLUMN language text CHECK (language IN ('es', 'en'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".accounts DROP COLUMN language`);
    await runner.query(`DROP TABLE "${s}".sessions`);
  }
}
