import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * `kpi_daily`: the KPI report's pre-aggregate, one row per local day (in `CAU_TIME_ZONE`), dimension
 * (`''` for the overall row, else `area`, `jurisdiction`, `channel`, `priority`, `category`) and value,
 * with the counts, the sums and fixed-bucket histograms of the durations (docs/indicators.md). It is kept
 * up to date in the transaction that rebuilds a ticket's fact row (the old row's contribution taken off,
 * the new one's added) and filled from `ticket_facts` at the start whenever the zone it was built in is not
 * the configured one (so the first start after this migration backfills it).
 */
export class ReportingKpiDaily1763800006300 implements MigrationInterface {
  name = 'ReportingKpiDaily1763800006300';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    const counters = [
      'opened',
      'calls',
      'responded',
      'fr_business_n',
      'fr_calendar_n',
      'response_met',
      'closed',
      'resolved',
      'res_business_n',
      'res_calendar_n',
      'resolution_met',
      'incidents',
      'incidents_at_l1',
      'queries',
      'queries_at_l1',
      'surveyed',
      'satisfecho',
      'regular',
      'insatisfecho',
      'overdue',
    ];
    await runner.query(`
      CREATE TABLE "${s}".kpi_daily (
        dimension text NOT NULL,
        day date NOT NULL,
        value text,
        ${counters.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ')},
        fr_business_sum double precision NOT NULL DEFAULT 0,
        fr_calendar_sum double precision NOT NULL DEFAULT 0,
        res_business_sum double precision NOT NULL DEFAULT 0,
        res_calendar_sum double precision NOT NULL DEFAULT 0,
        -- {"bucket": count}, buckets of kpi_bucket (kpi-histogram.ts mirrors them).
        fr_business_hist jsonb NOT NULL DEFAULT '{}',
        fr_calendar_hist jsonb NOT NULL DEFAULT '{}',
        res_business_hist jsonb NOT NULL DEFAULT '{}',
        res_calendar_hist jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT kpi_daily_key UNIQUE NULLS NOT DISTINCT (dimension, day, value)
      )`);
    // The zone kpi_daily's days were computed in; NULL until it is first filled.
    await runner.query(`CREATE TABLE "${s}".kpi_daily_state (id boolean PRIMARY KEY DEFAULT true, zone text)`);
    await runner.query(`INSERT INTO "${s}".kpi_daily_state (id, zone) VALUES (true, NULL)`);
    // Minutes → bucket: each minute below 1 h, 10 min below 8 h, 1 h below 2 days, 6 h below 14 days,
    // 1 day below 60 days, then one bucket.
    await runner.query(`
      CREATE FUNCTION "${s}".kpi_bucket(minutes double precision) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN minutes < 60 THEN greatest(floor(minutes), 0)::int
          WHEN minutes < 480 THEN 60 + floor((minutes - 60) / 10)::int
          WHEN minutes < 2880 THEN 102 + floor((minutes - 480) / 60)::int
          WHEN minutes < 20160 THEN 142 + floor((minutes - 2880) / 360)::int
          WHEN minutes < 86400 THEN 190 + floor((minutes - 20160) / 1440)::int
          ELSE 236 END
      $$`);
    await runner.query(`
      CREATE FUNCTION "${s}".kpi_hist_add(a jsonb, b jsonb) RETURNS jsonb
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT COALESCE(jsonb_object_agg(k, n) FILTER (WHERE n <> 0), '{}'::jsonb)
        FROM (SELECT k, sum(v::int) AS n
              FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) e(k, v)
              GROUP BY k) s
      $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP FUNCTION "${s}".kpi_hist_add(jsonb, jsonb)`);
    await runner.query(`DROP FUNCTION "${s}".kpi_bucket(double precision)`);
    await runner.query(`DROP TABLE "${s}".kpi_daily_state`);
    await runner.query(`DROP TABLE "${s}".kpi_daily`);
  }
}
