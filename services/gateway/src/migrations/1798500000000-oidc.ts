import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * OpenID Connect logins. `oidc_identities` links a provider's (issuer, subject) to an account: the
 * subject, not the e-mail, is what a provider promises never to reassign. `oidc_flows` holds each login
 * under way (PKCE verifier, nonce, the redirect URI used) keyed by its `state`, bound to the browser
 * that started it by the SHA-256 of a short-lived cookie; a flow is deleted when its callback arrives.
 * A session started by a provider keeps the provider and its ID token, the hint RP-initiated logout needs.
 */
export class Oidc1798500000000 implements MigrationInterface {
  name = 'Oidc1798500000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".oidc_identities (
        issuer text NOT NULL,
        subject text NOT NULL,
        provider text NOT NULL,
        account_id uuid NOT NULL REFERENCES "${s}".accounts (id) ON DELETE CASCADE,
        linked_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject)
      )`);
    await runner.query(`CREATE INDEX oidc_identities_account ON "${s}".oidc_identities (account_id)`);
    await runner.query(`
      CREATE TABLE "${s}".oidc_flows (
        state text PRIMARY KEY,
        browser_hash text NOT NULL CHECK (browser_hash ~ '^[0-9a-f]{64}$'),
        provider text NOT NULL,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        redirect_uri text NOT NULL,
        return_to text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX oidc_flows_expiry ON "${s}".oidc_flows (expires_at)`);
    await runner.query(`ALTER TABLE "${s}".sessions ADD COLUMN oidc_provider text, ADD COLUMN id_token text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".sessions DROP COLUMN oidc_provider, DROP COLUMN id_token`);
    await runner.query(`DROP TABLE "${s}".oidc_flows`);
    await runner.query(`DROP TABLE "${s}".oidc_identities`);
  }
}
