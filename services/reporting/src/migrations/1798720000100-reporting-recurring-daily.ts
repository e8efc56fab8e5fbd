import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';
import { recurringDailyRebuild } from '../reports/recurring-daily.sql.js';

/**
 * `recurring_daily`: the recurring incidents' pre-aggregate for the whole desk by category and by
 * jurisdiction (reports/recurring-daily.sql.ts), kept up to date in the transaction that rebuilds a
 * ticket's fact row: a year's ranking reads a few tens of thousands of rows instead of every incident
 * registered in it. Filled here from the facts in the zone kpi_daily was built in; when kpi_daily was
 * never built, the start fills every daily table.
 */
export class ReportingRecurringDaily1798720000100 implements MigrationInterface {
  name = 'ReportingRecurringDaily1798720000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".recurring_daily (
        day date NOT NULL,
        by text NOT NULL,
        key text NOT NULL,
        incidents integer NOT NULL DEFAULT 0,
        first_at timestamptz,
        last_at timestamptz,
        latest_numbers bigint[] NOT NULL DEFAULT '{}',
        CONSTRAINT recurring_daily_key UNIQUE (day, by, key)
      )`);
    await runner.query(`CREATE INDEX recurring_daily_by_key_idx ON "${s}".recurring_daily (by, key, day)`);
    const states = (await runner.query(`SELECT zone FROM "${s}".kpi_daily_state`)) as Array<{ zone: string | null }>;
    const zone = states[0]?.zone;
    if (zone) {
      for (const sql of recurringDailyRebuild(s)) await runner.query(sql, sql.includes('$1') ? [zone] : []);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".recurring_daily`);
  }
}
