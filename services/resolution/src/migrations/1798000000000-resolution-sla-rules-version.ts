import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * A counter of changes to what due dates are computed from (policies, calendars, holidays). Each
 * instance reuses the rules for a few seconds; it reads this one row first, so a change made through
 * another instance applies to the very next ticket instead of after the cache expires.
 */
export class ResolutionSlaRulesVersion1798000000000 implements MigrationInterface {
  name = 'ResolutionSlaRulesVersion1798000000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".sla_rules_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`);
    await runner.query(`INSERT INTO "${s}".sla_rules_version (version) VALUES (0)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".sla_rules_version`);
  }
}
