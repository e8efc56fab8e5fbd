/*
 * How a ticket's fact row counts in `kpi_daily` (migration 1763800006300), written once and used both by
 * the incremental upkeep (old row with sign −1, new row with sign +1, in the fact's own statement) and by
 * the full rebuild (every fact with sign +1). Each milestone counts on its local day, in every dimension.
 */

const INCIDENTS = `type IN ('incidente', 'incidente_seguridad')`;
const QUERIES = `type IN ('solicitud')`;

/** The fact columns the contributions read. */
const FACT_COLUMNS = [
  'sign',
  'type',
  'channel',
  'category',
  'service',
  'jurisdiction',
  'priority',
  'area',
  'registered_at',
  'first_response_at',
  'first_response_business_minutes',
  'first_response_calendar_minutes',
  'derivations',
  'closed_at',
  'resolution_business_minutes',
  'resolution_calendar_minutes',
  'satisfaction',
  'satisfaction_at',
  'response_breached_at',
  'resolution_breached_at',
  'breached_at',
  'merged_at',
];

export const KPI_DAILY_COUNTERS = [
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
  'merged',
] as const;
export const KPI_DAILY_SUMS = ['fr_business_sum', 'fr_calendar_sum', 'res_business_sum', 'res_calendar_sum'] as const;
export const KPI_DAILY_HISTS = [
  'fr_business_hist',
  'fr_calendar_hist',
  'res_business_hist',
  'res_calendar_hist',
] as const;

/**
 * An INSERT into kpi_daily of the contributions of the rows `source` names (a CTE or table with the fact
 * columns and an integer `sign`), summed per (dimension, day, value) and written in key order so that
 * concurrent transactions lock shared rows in the same order; `zone` is an SQL expression.
 */
export function kpiDailyUpsert(schema: string, source: string, zone: string): string {
  const s = `"${schema}"`;
  const counter = (name: string, kind: string, condition = 'true') =>
    `COALESCE(sum(sign) FILTER (WHERE kind = '${kind}' AND ${condition}), 0)::int AS ${name}`;
  const total = (name: string, kind: string, column: string) =>
    `COALESCE(sum(sign * ${column}) FILTER (WHERE kind = '${kind}'), 0)::float8 AS ${name}`;
  const noHists = KPI_DAILY_HISTS.map((h) => `NULL::jsonb AS ${h}`).join(', ');
  const noCounters = [...KPI_DAILY_COUNTERS, ...KPI_DAILY_SUMS].map((c) => `0 AS ${c}`).join(', ');
  const columns = [...KPI_DAILY_COUNTERS, ...KPI_DAILY_SUMS, ...KPI_DAILY_HISTS];
  // Every column is a sum, so a row whose changes add up to nothing is left as it is: a fact saved again with one
  // dimension changed (routing's area and priority) takes its old row off and adds the new one back in each of the
  // others, and writing those rows (with their histograms merged) was most of this statement's cost. A histogram
  // row comes only from buckets whose count changed (\`bucketed\`).
  const changesSomething = [
    ...[...KPI_DAILY_COUNTERS, ...KPI_DAILY_SUMS].map((c) => `sum(${c}) <> 0`),
    ...KPI_DAILY_HISTS.map((h) => `bool_or(${h} IS NOT NULL)`),
  ].join(' OR ');
  return `
    , per_dimension AS NOT MATERIALIZED (
      SELECT ${FACT_COLUMNS.map((c) => `f.${c}`).join(', ')}, d.dimension, d.value
      FROM ${source} f
      CROSS JOIN LATERAL (VALUES ('', NULL::text), ('area', f.area), ('jurisdiction', f.jurisdiction),
        ('channel', f.channel), ('priority', f.priority), ('category', f.category), ('type', f.type),
        ('service', f.service)) d(dimension, value)
    ), milestones AS NOT MATERIALIZED (
      SELECT p.*, m.kind, (m.at AT TIME ZONE ${zone})::date AS day
      FROM per_dimension p
      CROSS JOIN LATERAL (VALUES ('opened', p.registered_at), ('responded', p.first_response_at),
        ('closed', p.closed_at), ('survey', p.satisfaction_at), ('overdue', p.breached_at),
        ('merged', p.merged_at)) m(kind, at)
      WHERE m.at IS NOT NULL
    ), counted AS (
      SELECT dimension, day, value,
        ${counter('opened', 'opened')}, ${counter('calls', 'opened', `channel = 'telefono'`)},
        ${counter('responded', 'responded')},
        ${counter('fr_business_n', 'responded', 'first_response_business_minutes IS NOT NULL')},
        ${counter('fr_calendar_n', 'responded', 'first_response_calendar_minutes IS NOT NULL')},
        ${counter('response_met', 'responded', 'response_breached_at IS NULL')},
        ${counter('closed', 'closed')},
        ${counter('resolved', 'closed', 'resolution_business_minutes IS NOT NULL')},
        ${counter('res_business_n', 'closed', 'resolution_business_minutes IS NOT NULL')},
        ${counter('res_calendar_n', 'closed', 'resolution_calendar_minutes IS NOT NULL')},
        ${counter('resolution_met', 'closed', 'resolution_breached_at IS NULL')},
        ${counter('incidents', 'closed', INCIDENTS)},
        ${counter('incidents_at_l1', 'closed', `${INCIDENTS} AND derivations = 0`)},
        ${counter('queries', 'closed', QUERIES)},
        ${counter('queries_at_l1', 'closed', `${QUERIES} AND derivations = 0`)},
        ${counter('surveyed', 'closed', 'satisfaction IS NOT NULL')},
        ${counter('satisfecho', 'survey', `satisfaction = 'satisfecho'`)},
        ${counter('regular', 'survey', `satisfaction = 'regular'`)},
        ${counter('insatisfecho', 'survey', `satisfaction = 'insatisfecho'`)},
        ${counter('overdue', 'overdue')},
        ${counter('merged', 'merged')},
        ${total('fr_business_sum', 'responded', 'first_response_business_minutes')},
        ${total('fr_calendar_sum', 'responded', 'first_response_calendar_minutes')},
        ${total('res_business_sum', 'closed', 'resolution_business_minutes')},
        ${total('res_calendar_sum', 'closed', 'resolution_calendar_minutes')},
        ${noHists}
      FROM milestones GROUP BY 1, 2, 3
    ), bucketed AS (
      SELECT dimension, day, value, h.measure, ${s}.kpi_bucket(h.minutes) AS bucket, sum(sign)::int AS n
      FROM milestones
      CROSS JOIN LATERAL (VALUES
        ('fr_business', CASE WHEN kind = 'responded' THEN first_response_business_minutes END),
        ('fr_calendar', CASE WHEN kind = 'responded' THEN first_response_calendar_minutes END),
        ('res_business', CASE WHEN kind = 'closed' THEN resolution_business_minutes END),
        ('res_calendar', CASE WHEN kind = 'closed' THEN resolution_calendar_minutes END)) h(measure, minutes)
      WHERE h.minutes IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(sign) <> 0
    ), histograms AS (
      SELECT dimension, day, value, ${noCounters},
        ${KPI_DAILY_HISTS.map(
          (h) =>
            `COALESCE(jsonb_object_agg(bucket, n) FILTER (WHERE measure = '${h.slice(0, -5)}'), '{}'::jsonb) AS ${h}`,
        ).join(', ')}
      FROM bucketed GROUP BY 1, 2, 3
    )
    INSERT INTO ${s}.kpi_daily (dimension, day, value, ${columns.join(', ')})
    SELECT dimension, day, value,
      ${[...KPI_DAILY_COUNTERS, ...KPI_DAILY_SUMS].map((c) => `sum(${c})`).join(', ')},
      ${KPI_DAILY_HISTS.map((h) => `COALESCE((array_agg(${h}) FILTER (WHERE ${h} IS NOT NULL))[1], '{}'::jsonb)`).join(
        ', ',
      )}
    FROM (SELECT * FROM counted UNION ALL SELECT * FROM histograms) c
    GROUP BY 1, 2, 3
    HAVING ${changesSomething}
    ORDER BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT kpi_daily_key DO UPDATE SET
      ${[...KPI_DAILY_COUNTERS, ...KPI_DAILY_SUMS].map((c) => `${c} = kpi_daily.${c} + EXCLUDED.${c}`).join(', ')},
      ${KPI_DAILY_HISTS.map(
        // Merging through kpi_hist_add (an SQL function PostgreSQL runs, not inlines, for each row) was half the
        // statement's time; most changes bring no bucket (no response or closure yet), and adding none is the row's own.
        (h) =>
          `${h} = CASE WHEN EXCLUDED.${h} = '{}'::jsonb THEN kpi_daily.${h} ELSE ${s}.kpi_hist_add(kpi_daily.${h}, EXCLUDED.${h}) END`,
      ).join(', ')}`;
}

/** Empties kpi_daily and fills it again from every fact row, in `$1`'s local days. */
export function kpiDailyRebuild(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `TRUNCATE ${s}.kpi_daily`,
    `WITH facts AS NOT MATERIALIZED (SELECT *, 1 AS sign FROM ${s}.ticket_facts) ${kpiDailyUpsert(schema, 'facts', '$1::text')}`,
    `UPDATE ${s}.kpi_daily_state SET zone = $1`,
  ];
}
