import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Self-registrations waiting for their address to be confirmed: what the person typed (the password
 * already hashed) and the SHA-256 of the mailed token. The account is created when the link is opened;
 * a link works once (`used_at`) and until `expires_at`.
 */
export class Registrations1798700000000 implements MigrationInterface {
  name = 'Registrations1798700000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".registrations (
        token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        email text NOT NULL CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        language text NOT NULL CHECK (language IN ('es', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await runner.query(`CREATE INDEX registrations_email ON "${s}".registrations (email)`);
    await runner.query(`CREATE INDEX registrations_expiry ON "${s}".registrations (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".registrations`);
  }
}
