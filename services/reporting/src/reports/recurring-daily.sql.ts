/*
 * How a ticket's fact row counts in `recurring_daily` (migration 1798720000100), the recurring incidents'
 * pre-aggregate for the whole desk by category and by jurisdiction: per local day of registration, key
 * and value, the incidents registered, the first and last registration and the ten highest ticket numbers
 * of the day (the period's ten latest are among its days' ten latest). Kept in the fact's own statement
 * as kpi_daily: a count is taken off and added back, the first, last and latest numbers only grow there;
 * when an incident leaves a day (`recurringDailyRecount`), that day's value reads them again from the facts.
 */

/** The recurrence keys kept daily, with the fact column each names (by requester and scoped reports read the facts). */
export const RECURRING_DAILY_KEYS = { category: 'category', jurisdiction: 'jurisdiction' } as const;

const INCIDENTS = `f.type IN ('incidente', 'incidente_seguridad')`;

/** A data-modifying CTE (to be placed in a WITH list, starting with its comma); see productivityDailyUpsert. */
export function recurringDailyUpsert(schema: string, source: string, zone: string): string {
  return `, recurring_upkeep AS (${recurringDailyInsert(schema, source, zone)})`;
}

function recurringDailyInsert(schema: string, source: string, zone: string): string {
  const s = `"${schema}"`;
  return `
    INSERT INTO ${s}.recurring_daily AS r (day, by, key, incidents, first_at, last_at, latest_numbers)
    SELECT (f.registered_at AT TIME ZONE ${zone})::date AS day, k.by, k.key, sum(f.sign)::int,
           min(f.registered_at) FILTER (WHERE f.sign > 0), max(f.registered_at) FILTER (WHERE f.sign > 0),
           COALESCE((array_agg(f.number ORDER BY f.number DESC) FILTER (WHERE f.sign > 0))[1:10], '{}')
    FROM (SELECT sign, type, category, jurisdiction, registered_at, number FROM ${source}) f
    CROSS JOIN LATERAL (VALUES ('category', f.category), ('jurisdiction', f.jurisdiction)) k(by, key)
    WHERE ${INCIDENTS} AND k.key IS NOT NULL
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT recurring_daily_key DO UPDATE SET
      incidents = r.incidents + EXCLUDED.incidents,
      first_at = LEAST(r.first_at, EXCLUDED.first_at),
      last_at = GREATEST(r.last_at, EXCLUDED.last_at),
      latest_numbers = ARRAY(
        SELECT DISTINCT n FROM unnest(r.latest_numbers || EXCLUDED.latest_numbers) n ORDER BY n DESC LIMIT 10)`;
}

/**
 * After an incident left a day's value (registered on another day, reclassified, no longer an incident),
 * its first and last registration and latest numbers are read again from the facts left there.
 * `$1` day, `$2` key (`category` or `jurisdiction`), `$3` value, `$4` zone.
 */
export function recurringDailyRecount(schema: string): string {
  const s = `"${schema}"`;
  return `
    UPDATE ${s}.recurring_daily r SET (first_at, last_at, latest_numbers) = (
      SELECT min(f.registered_at), max(f.registered_at),
             COALESCE((array_agg(f.number ORDER BY f.number DESC))[1:10], '{}')
      FROM ${s}.ticket_facts f
      WHERE f.registered_at >= ($1::date::timestamp AT TIME ZONE $4::text)
        AND f.registered_at < (($1::date + 1)::timestamp AT TIME ZONE $4::text)
        AND ${INCIDENTS}
        AND CASE $2::text WHEN 'category' THEN f.category ELSE f.jurisdiction END = $3)
    WHERE r.day = $1::date AND r.by = $2 AND r.key = $3`;
}

/** Empties recurring_daily and fills it again from every fact row, in `$1`'s local days. */
export function recurringDailyRebuild(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `TRUNCATE ${s}.recurring_daily`,
    `WITH facts AS NOT MATERIALIZED (SELECT *, 1 AS sign FROM ${s}.ticket_facts)
     ${recurringDailyInsert(schema, 'facts', '$1::text')}`,
  ];
}
