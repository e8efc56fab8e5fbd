import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';
import { productivityDailyRebuild } from '../reports/productivity-daily.sql.js';

/**
 * `productivity_daily`: the productivity report's pre-aggregate (reports/productivity-daily.sql.ts), one row
 * per local day, kind, key and area, kept up to date in the transaction that rebuilds a ticket's fact row,
 * as kpi_daily is: a year's technicians, areas and types are a few tens of thousands of rows instead of
 * every fact closed and registered in it (5 s for a year over 1,000,000 tickets). Filled here from the facts
 * in the zone kpi_daily was built in; when kpi_daily was never built, the start fills both.
 */
export class ReportingProductivityDaily1798720000000 implements MigrationInterface {
  name = 'ReportingProductivityDaily1798720000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".productivity_daily (
        day date NOT NULL,
        kind text NOT NULL,
        key text NOT NULL,
        area text,
        n integer NOT NULL DEFAULT 0,
        measured integer NOT NULL DEFAULT 0,
        business double precision NOT NULL DEFAULT 0,
        calendar double precision NOT NULL DEFAULT 0,
        name text,
        name_at timestamptz,
        CONSTRAINT productivity_daily_key UNIQUE NULLS NOT DISTINCT (day, kind, key, area)
      )`);
    const states = (await runner.query(`SELECT zone FROM "${s}".kpi_daily_state`)) as Array<{ zone: string | null }>;
    const zone = states[0]?.zone;
    if (zone) {
      for (const sql of productivityDailyRebuild(s)) await runner.query(sql, sql.includes('$1') ? [zone] : []);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".productivity_daily`);
  }
}
