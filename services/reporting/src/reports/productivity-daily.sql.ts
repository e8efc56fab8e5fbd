/*
 * How a ticket's fact row counts in `productivity_daily` (migration 1798720000000), the productivity
 * report's pre-aggregate, written once and used by the incremental upkeep (old row with sign −1, new row
 * with sign +1, in the fact's own statement, as kpi_daily) and by the full rebuild (every fact with +1).
 *
 * Kinds, each on the local day of its milestone:
 *  - `technician` (key: the solution's author, area: its area) and `area` (key and area: the solution's
 *    area) count the facts closed that day (the productivity report's `solved` and `resolved`);
 *  - `closed_type` (key: the ticket type, area: the solution's area) counts them per type;
 *  - `opened_type` (key: the ticket type, area: the ticket's current area) counts the facts registered.
 * `n` counts the facts, `measured` those with a business resolution time, `business`/`calendar` sum the
 * resolution minutes. A technician's row keeps the name of their latest closure of the day (`name_at`).
 */

/** The fact columns the contributions read. */
const FACT_COLUMNS = [
  'sign',
  'type',
  'area',
  'registered_at',
  'closed_at',
  'resolution_business_minutes',
  'resolution_calendar_minutes',
  'solver_account_id',
  'solver_name',
  'solver_area',
];

/**
 * A data-modifying CTE (to be placed in a WITH list, starting with its comma) that adds to
 * productivity_daily the contributions of the rows `source` names (fact columns and an integer `sign`),
 * summed per key and written in key order so concurrent transactions lock shared rows in the same order;
 * `zone` is an SQL expression.
 */
export function productivityDailyUpsert(schema: string, source: string, zone: string): string {
  return `, productivity_upkeep AS (${productivityDailyInsert(schema, source, zone)})`;
}

function productivityDailyInsert(schema: string, source: string, zone: string): string {
  const s = `"${schema}"`;
  // Every SET expression reads the row as it was, so both columns decide on the same comparison.
  const newer = 'EXCLUDED.name_at IS NOT NULL AND (p.name_at IS NULL OR EXCLUDED.name_at >= p.name_at)';
  return `
    INSERT INTO ${s}.productivity_daily AS p (day, kind, key, area, n, measured, business, calendar, name, name_at)
    SELECT (c.at AT TIME ZONE ${zone})::date AS day, c.kind, c.key, c.area,
           sum(f.sign)::int,
           COALESCE(sum(f.sign) FILTER (WHERE c.business IS NOT NULL), 0)::int,
           COALESCE(sum(f.sign * c.business), 0)::float8,
           COALESCE(sum(f.sign * c.calendar), 0)::float8,
           (array_agg(c.name ORDER BY c.at DESC) FILTER (WHERE f.sign > 0 AND c.name IS NOT NULL))[1],
           max(c.at) FILTER (WHERE f.sign > 0 AND c.name IS NOT NULL)
    FROM (SELECT ${FACT_COLUMNS.join(', ')} FROM ${source}) f
    CROSS JOIN LATERAL (VALUES
      ('technician', f.solver_account_id, f.solver_area, f.closed_at, f.resolution_business_minutes,
       f.resolution_calendar_minutes, f.solver_name),
      ('area', f.solver_area, f.solver_area, f.closed_at, f.resolution_business_minutes,
       f.resolution_calendar_minutes, NULL),
      ('closed_type', f.type, f.solver_area, f.closed_at, f.resolution_business_minutes,
       f.resolution_calendar_minutes, NULL),
      ('opened_type', f.type, f.area, f.registered_at, NULL, NULL, NULL)
    ) c(kind, key, area, at, business, calendar, name)
    WHERE c.key IS NOT NULL AND c.at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    -- Sums that add up to nothing leave the row as it is, unless a fact added there names its technician.
    HAVING sum(f.sign) <> 0 OR COALESCE(sum(f.sign) FILTER (WHERE c.business IS NOT NULL), 0) <> 0
      OR COALESCE(sum(f.sign * c.business), 0) <> 0 OR COALESCE(sum(f.sign * c.calendar), 0) <> 0
      OR bool_or(f.sign > 0 AND c.name IS NOT NULL)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT productivity_daily_key DO UPDATE SET
      n = p.n + EXCLUDED.n, measured = p.measured + EXCLUDED.measured,
      business = p.business + EXCLUDED.business, calendar = p.calendar + EXCLUDED.calendar,
      name = CASE WHEN ${newer} THEN EXCLUDED.name ELSE p.name END,
      name_at = CASE WHEN ${newer} THEN EXCLUDED.name_at ELSE p.name_at END`;
}

/**
 * After a fact's technician contribution was taken off a day (closed on another day, by someone else, or
 * reopened), that day's row reads its name again from the facts: the latest closure left may be older.
 * `$1` day, `$2` account, `$3` area, `$4` zone.
 */
export function productivityDailyRename(schema: string): string {
  const s = `"${schema}"`;
  return `
    UPDATE ${s}.productivity_daily p SET (name, name_at) = (
      SELECT f.solver_name, f.closed_at FROM ${s}.ticket_facts f
      WHERE f.closed_at >= ($1::date::timestamp AT TIME ZONE $4::text)
        AND f.closed_at < (($1::date + 1)::timestamp AT TIME ZONE $4::text)
        AND f.solver_account_id = $2 AND f.solver_area IS NOT DISTINCT FROM $3
      ORDER BY f.closed_at DESC LIMIT 1)
    WHERE p.kind = 'technician' AND p.day = $1::date AND p.key = $2 AND p.area IS NOT DISTINCT FROM $3`;
}

/** Empties productivity_daily and fills it again from every fact row, in `$1`'s local days. */
export function productivityDailyRebuild(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `TRUNCATE ${s}.productivity_daily`,
    `WITH facts AS NOT MATERIALIZED (SELECT *, 1 AS sign FROM ${s}.ticket_facts)
     ${productivityDailyInsert(schema, 'facts', '$1::text')}`,
  ];
}
