import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Password-reset links: only the SHA-256 of each token is kept. A link works once (`used_at`) and until
 * `expires_at`; setting a new password uses up every other open link of the account too.
 */
export class PasswordResets1797500000100 implements MigrationInterface {
  name = 'PasswordResets1797500000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".password_resets (
        token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        account_id uuid NOT NULL REFERENCES "${s}".accounts (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await runner.query(`CREATE INDEX password_resets_account ON "${s}".password_resets (account_id)`);
    await runner.query(`CREATE INDEX password_resets_expiry ON "${s}".password_resets (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".password_resets`);
  }
}
