import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

export class GatewaySchema1763800007000 implements MigrationInterface {
  name = 'GatewaySchema1763800007000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".accounts (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('requester', 'referente', 'operator', 'agent', 'supervisor', 'admin')),
        jurisdiction text,
        area text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT accounts_referente_has_jurisdiction CHECK (role <> 'referente' OR jurisdiction IS NOT NULL),
        CONSTRAINT accounts_agent_has_area CHECK (role <> 'agent' OR area IS NOT NULL)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".accounts`);
  }
}
