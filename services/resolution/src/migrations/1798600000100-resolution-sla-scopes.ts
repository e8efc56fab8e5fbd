import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Targets per jurisdiction or per service offered, overriding a priority's general ones, and the service a
 * ticket is about (from its registration) so its targets can be found.
 */
export class ResolutionSlaScopes1798600000100 implements MigrationInterface {
  name = 'ResolutionSlaScopes1798600000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".tickets ADD COLUMN service text`);
    await runner.query(`
      CREATE TABLE "${s}".sla_policy_overrides (
        scope text NOT NULL CHECK (scope IN ('jurisdiction', 'service')),
        code text NOT NULL,
        priority text NOT NULL CHECK (priority IN ('ALTA', 'MEDIA', 'BAJA')),
        response_minutes integer NOT NULL CHECK (response_minutes > 0),
        resolution_minutes integer NOT NULL CHECK (resolution_minutes >= response_minutes),
        PRIMARY KEY (scope, code, priority)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".sla_policy_overrides`);
    await runner.query(`ALTER TABLE "${s}".tickets DROP COLUMN service`);
  }
}
