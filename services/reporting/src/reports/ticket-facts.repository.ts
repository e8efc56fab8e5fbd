import { Injectable } from '@nestjs/common';
import { sql, type InferResult, type NotNull, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { CalendarDefinition } from '@cau/business-time';
import {
  ProcedureEvents,
  type RecurrenceKey,
  type ReportDimension,
  type KpiGranularity,
  type ReportScopeV1,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { compiledOnce, fetchFirst, fetchRows } from '@cau/persistence';
import { reportingRows } from '../rows.js';
import type { TicketFacts } from '../rows.generated.js';
import { addHistogram, BUCKET_COUNT, densePercentile, type Histogram } from './kpi-histogram.js';
import { KPI_DAILY_COUNTERS, KPI_DAILY_HISTS, KPI_DAILY_SUMS, kpiDailyUpsert } from './kpi-daily.sql.js';
import { dailySummariesRebuild } from './daily-summaries.sql.js';
import { productivityDailyRename, productivityDailyUpsert } from './productivity-daily.sql.js';
import { RECURRING_DAILY_KEYS, recurringDailyRecount, recurringDailyUpsert } from './recurring-daily.sql.js';
import type { Solver, TicketFact, TicketFactSource } from './ticket-fact.js';

/** Ticket types counted as incidents, and as queries ("consultas"), by the L1 indicators. */
export const INCIDENT_TYPES = ['incidente', 'incidente_seguridad'] as const;
export const QUERY_TYPES = ['solicitud'] as const;

/** Which period and which dimension value a row of aggregates belongs to. */
export interface BucketKey {
  /** Local date the period starts on, before clipping to the report's start. */
  bucket: string;
  value: string | null;
}

export interface DurationAggregate {
  average: number | null;
  p50: number | null;
  p90: number | null;
}

export interface OpenedAggregate extends BucketKey {
  opened: number;
  calls: number;
}

export interface RespondedAggregate extends BucketKey {
  responded: number;
  business: DurationAggregate;
  calendar: DurationAggregate;
  responseMet: number;
}

export interface ClosedAggregate extends BucketKey {
  closed: number;
  resolved: number;
  business: DurationAggregate;
  calendar: DurationAggregate;
  resolutionMet: number;
  incidents: number;
  incidentsAtL1: number;
  queries: number;
  queriesAtL1: number;
  surveyed: number;
}

export interface SurveyAggregate extends BucketKey {
  satisfecho: number;
  regular: number;
  insatisfecho: number;
}

export interface OverdueAggregate extends BucketKey {
  overdue: number;
}

export interface KpiAggregates {
  opened: OpenedAggregate[];
  responded: RespondedAggregate[];
  closed: ClosedAggregate[];
  surveys: SurveyAggregate[];
  overdue: OverdueAggregate[];
  /** Duplicates merged into their original: they leave the backlog without being closed. */
  merged: Array<BucketKey & { merged: number }>;
  /** Tickets open when the report starts, per dimension value. */
  openAtStart: Array<{ value: string | null; open: number }>;
}

export interface KpiCriteria {
  /** Local dates: the first day of the report and the day after its last. */
  fromDay: string;
  toDay: string;
  granularity: KpiGranularity;
  dimension: ReportDimension | null;
  /** Only an area's or a jurisdiction's tickets (an agent's, a referente's report). */
  scope?: ReportScopeV1 | null;
}

export interface RecurringRow {
  key: string;
  incidents: number;
  firstAt: Date;
  lastAt: Date;
  latestNumbers: number[];
}

export interface YearlyRow {
  year: number;
  tickets: number;
  services: number;
  jurisdictionsServed: number;
}

type FactColumn = keyof Selectable<TicketFacts>;

/** Report dimensions and recurrence keys name fact columns; only these fixed names reach the SQL. */
const DIMENSION_COLUMN: Record<ReportDimension, FactColumn> = {
  area: 'area',
  jurisdiction: 'jurisdiction',
  channel: 'channel',
  priority: 'priority',
  category: 'category',
  type: 'type',
  service: 'service',
};
const RECURRENCE_COLUMN: Record<RecurrenceKey, FactColumn> = {
  category: 'category',
  requester: 'requester_email',
  jurisdiction: 'jurisdiction',
};

/** The business calendars as last announced by resolution; version 0 while none was. */
export interface StoredCalendars {
  version: number;
  calendars: CalendarDefinition[];
}

type Numeric = string | number | null;

/** A fact row as it was before a save, where the daily tables keep a latest. */
interface OldFactRow {
  registered_day: string;
  registered_at: Date;
  number: number;
  type: string;
  category: string;
  jurisdiction: string;
  closed_day: string | null;
  closed_at: Date | null;
  solver_account_id: string | null;
  solver_name: string | null;
  solver_area: string | null;
}

/** The fact table: rebuilt per ticket from the view and the path; read by the reports in a few aggregates. */
@Injectable()
export class TicketFactsRepository {
  private readonly s: string;
  /** Named with its schema: a rebuild writes a shadow schema through this same repository (see Reporting). */
  private readonly db: typeof reportingRows;
  /** Read after every batch for the tickets it touched: built once (building it cost more than running it). */
  private readonly sourcesOf = compiledOnce(({ ticketIds }: { ticketIds: readonly string[] }) =>
    sourceQuery(this.db, ticketIds),
  );

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
    this.db = reportingRows.withSchema(runtime.schema);
  }

  /**
   * Everything the fact rows of these tickets are computed from, in one read, with the version of the
   * calendars they are counted on; a ticket whose registration is not seen yet has none.
   */
  async sources(
    tx: EntityManager,
    ticketIds: readonly string[],
  ): Promise<{ sources: TicketFactSource[]; calendarsVersion: number }> {
    const rows = await fetchRows(tx, this.sourcesOf({ ticketIds: [...ticketIds] }));
    return { sources: rows.map(toSource), calendarsVersion: Number(rows[0]?.calendars_version ?? 0) };
  }

  async calendars(tx: EntityManager): Promise<StoredCalendars> {
    const row = await fetchFirst(tx, this.db.selectFrom('business_calendars').select(['version', 'calendars']));
    return { version: Number(row?.version ?? 0), calendars: row?.calendars ?? [] };
  }

  /** Keeps the announced calendars unless newer ones are kept already; false when they were older. */
  async saveCalendars(tx: EntityManager, announced: StoredCalendars): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      this.db
        .updateTable('business_calendars')
        .set({ version: announced.version, calendars: JSON.stringify(announced.calendars) })
        .where('version', '<', String(announced.version))
        .returning(sql<number>`1`.as('updated')),
    );
    return rows.length > 0;
  }

  /**
   * Tickets whose first response may span one of `days` (local dates): registered before the day ends
   * and answered after it starts, a day wider each side so any zone's day is covered. Every answered
   * ticket when `days` is null.
   */
  async countedAcross(tx: EntityManager, days: readonly string[] | null): Promise<string[]> {
    const answered = this.db.selectFrom('ticket_facts as f').select('f.ticket_id');
    const rows = await fetchRows(
      tx,
      days === null
        ? answered.where('f.first_response_at', 'is not', null)
        : answered.where(
            sql<boolean>`EXISTS (
               SELECT 1 FROM unnest(${days}::date[]) AS d(day)
               WHERE f.registered_at < ((d.day + 2)::timestamp AT TIME ZONE 'UTC')
                 AND f.first_response_at > ((d.day - 1)::timestamp AT TIME ZONE 'UTC'))`,
          ),
    );
    return rows.map((r) => r.ticket_id);
  }

  /**
   * Writes these tickets' fact rows (one each) and keeps the daily tables in step, in one statement for all
   * of them: each row's old contribution to kpi_daily, productivity_daily and recurring_daily is taken off
   * and the new one added (every CTE sees the rows as they were before), so redelivered and out-of-order
   * events stay exact.
   */
  /** The rows `saveAll` compares with, locked; built once (`compiledOnce`): every batch of events reads them. */
  private readonly storedStatement = compiledOnce((v: { zone: string; ids: string[] }) =>
    this.db
      .selectFrom('ticket_facts')
      .selectAll()
      .select([
        sql<string>`to_char((registered_at AT TIME ZONE ${v.zone}::text)::date, 'YYYY-MM-DD')`.as('registered_day'),
        sql<string | null>`to_char((closed_at AT TIME ZONE ${v.zone}::text)::date, 'YYYY-MM-DD')`.as('closed_day'),
      ])
      .where('ticket_id', '=', sql<string>`ANY(${v.ids}::uuid[])`)
      .orderBy('ticket_id')
      .forUpdate(),
  );

  async saveAll(tx: EntityManager, facts: readonly TicketFact[], zone: string): Promise<void> {
    const ids = facts.map((fact) => fact.ticketId);
    // The rows as they are, locked now (in key order) as the statement below would lock them: what they
    // counted where a latest (a name, a first or last registration, the latest numbers) is kept, and whether
    // they change at all (most events change nothing a fact holds, e.g. a service level's due dates).
    const stored = await fetchRows(tx, this.storedStatement({ zone, ids }));
    const before = new Map(stored.map((row) => [row.ticket_id.toLowerCase(), row]));
    const rows = facts.map((fact) => ({
      ticket_id: fact.ticketId,
      number: fact.number,
      registered_at: fact.registeredAt,
      type: fact.type,
      channel: fact.channel,
      category: fact.category,
      service: fact.service,
      jurisdiction: fact.jurisdiction,
      requester_email: fact.requesterEmail,
      priority: fact.priority,
      area: fact.area,
      status: fact.status,
      first_response_at: fact.firstResponseAt,
      first_response_business_minutes: fact.firstResponseBusinessMinutes,
      first_response_calendar_minutes: fact.firstResponseCalendarMinutes,
      first_derived_at: fact.firstDerivedAt,
      derivations: fact.derivations,
      solved_at: fact.solvedAt,
      closed_at: fact.closedAt,
      resolution_business_minutes: fact.resolutionBusinessMinutes,
      resolution_calendar_minutes: fact.resolutionCalendarMinutes,
      reopened_at: fact.reopenedAt,
      reopened_count: fact.reopenedCount,
      satisfaction: fact.satisfaction,
      satisfaction_at: fact.satisfactionAt,
      response_breached_at: fact.responseBreachedAt,
      resolution_breached_at: fact.resolutionBreachedAt,
      breached_at: fact.breachedAt,
      merged_at: fact.mergedAt,
      solver_account_id: fact.solver?.accountId ?? null,
      solver_name: fact.solver?.name ?? null,
      solver_area: fact.solver?.area ?? null,
    }));
    const changed = rows.filter((row) => {
      const old = before.get(row.ticket_id.toLowerCase());
      return !old || Object.entries(row).some(([column, value]) => !sameValue(old[column as keyof typeof old], value));
    });
    const columns = Object.keys(changed[0] ?? {});
    if (columns.length === 0) return;
    // The rows go as one JSON array read as the table's own row type, so each value takes its column's type.
    await tx.query(
      `WITH old AS (SELECT *, -1 AS sign FROM "${this.s}".ticket_facts WHERE ticket_id = ANY($2::uuid[])),
       saved AS (
         INSERT INTO "${this.s}".ticket_facts (${columns.join(', ')})
         SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::"${this.s}".ticket_facts, $1::json)
         ORDER BY ticket_id
         ON CONFLICT (ticket_id) DO UPDATE SET
           ${columns
             .slice(1)
             .map((c) => `${c} = EXCLUDED.${c}`)
             .join(', ')}
         RETURNING *),
       changes AS (SELECT * FROM old UNION ALL SELECT *, 1 AS sign FROM saved)
       ${productivityDailyUpsert(this.s, 'changes', '$3::text')}
       ${recurringDailyUpsert(this.s, 'changes', '$3::text')}
       ${kpiDailyUpsert(this.s, 'changes', '$3::text')}`,
      [JSON.stringify(changed), changed.map((row) => row.ticket_id), zone],
    );
    const saved = new Set(changed.map((row) => row.ticket_id.toLowerCase()));
    for (const fact of facts) {
      const old = before.get(fact.ticketId.toLowerCase());
      if (old && saved.has(fact.ticketId.toLowerCase())) {
        await this.recountLatest(tx, { ...old, number: Number(old.number) }, fact, zone);
      }
    }
  }

  /**
   * A sum can be taken back, a latest cannot: when the fact left a technician's day (the name of their
   * latest closure there) or an incident left a day's category or jurisdiction (its first and last
   * registration, latest numbers), those are read again from the facts left there.
   */
  private async recountLatest(tx: EntityManager, before: OldFactRow, fact: TicketFact, zone: string): Promise<void> {
    if (
      before.closed_at &&
      before.solver_account_id &&
      (before.solver_account_id !== fact.solver?.accountId ||
        before.solver_area !== (fact.solver?.area ?? null) ||
        before.solver_name !== (fact.solver?.name ?? null) ||
        before.closed_at.getTime() !== fact.closedAt?.getTime())
    ) {
      await tx.query(productivityDailyRename(this.s), [
        before.closed_day,
        before.solver_account_id,
        before.solver_area,
        zone,
      ]);
    }
    const incident = (type: string) => (INCIDENT_TYPES as readonly string[]).includes(type);
    if (!incident(before.type)) return;
    for (const by of Object.keys(RECURRING_DAILY_KEYS) as Array<keyof typeof RECURRING_DAILY_KEYS>) {
      const stays =
        incident(fact.type) &&
        fact[by] === before[by] &&
        fact.number === before.number &&
        fact.registeredAt.getTime() === before.registered_at.getTime();
      if (!stays) await tx.query(recurringDailyRecount(this.s), [before.registered_day, by, before[by], zone]);
    }
  }

  /**
   * The aggregates of a KPI report, from kpi_daily: at most one row per local day and dimension value of
   * the period, summed into the report's periods here (histograms merged, percentiles read from them).
   */
  async kpiAggregates(criteria: KpiCriteria): Promise<KpiAggregates> {
    // A scoped report reads its area's or jurisdiction's rows; without a dimension they stand as the overall ones.
    const scope = criteria.scope ?? null;
    const read = scope ? scope.dimension : criteria.dimension;
    const dimension = read ? DIMENSION_COLUMN[read] : '';
    const overall = scope !== null && criteria.dimension === null;
    // Open when the report starts: registered before it less closed (and still closed) or merged before it.
    const openBefore = this.db
      .selectFrom('kpi_daily')
      .select(['value', sql<number>`(sum(opened) - sum(closed) - sum(merged))::int`.as('open')])
      .where('dimension', '=', dimension)
      .where('day', '<', localDay(criteria.fromDay));
    const daily = this.db
      .selectFrom('kpi_daily')
      .select([
        sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'),
        'value',
        ...KPI_DAILY_COUNTERS,
        ...KPI_DAILY_SUMS,
        ...KPI_DAILY_HISTS,
      ])
      .where('dimension', '=', dimension)
      .where('day', '>=', localDay(criteria.fromDay))
      .where('day', '<', localDay(criteria.toDay));
    const [days, openAtStart] = await Promise.all([
      fetchRows(this.runtime.dataSource, scope ? daily.where('value', '=', scope.value) : daily),
      fetchRows(
        this.runtime.dataSource,
        (scope ? openBefore.where('value', '=', scope.value) : openBefore)
          .groupBy(sql`1`)
          .having(sql<number>`sum(opened) - sum(closed) - sum(merged)`, '<>', 0),
      ),
    ]);
    if (overall) {
      for (const day of days) day.value = null;
      for (const open of openAtStart) open.value = null;
    }
    return { ...aggregateDays(days, criteria.granularity, criteria.fromDay), openAtStart };
  }

  /** Fills kpi_daily again from the fact table when it was built in another zone (or never). */
  async ensureDaily(zone: string): Promise<boolean> {
    return this.runtime.dataSource.transaction(async (tx) => {
      const state = await fetchFirst(tx, this.db.selectFrom('kpi_daily_state').select('zone').forUpdate());
      if (state?.zone === zone) return false;
      for (const statement of dailySummariesRebuild(this.s)) {
        await tx.query(statement, statement.includes('$1') ? [zone] : []);
      }
      return true;
    });
  }

  /** Incidents registered in the period grouped by what repeats, most repeated first. */
  async recurring(criteria: {
    from: Date;
    to: Date;
    /** The same period as local dates (`toDay` excluded), for the daily pre-aggregate. */
    fromDay: string;
    toDay: string;
    by: RecurrenceKey;
    minCount: number;
    limit: number;
    scope?: ReportScopeV1 | null;
  }): Promise<RecurringRow[]> {
    const column = RECURRENCE_COLUMN[criteria.by];
    const scope = criteria.scope ?? null;
    if (!scope && criteria.by !== 'requester') return this.recurringDaily(criteria);
    const incidents = this.db
      .selectFrom('ticket_facts')
      .select([
        // The recurrence columns are text (category, jurisdiction, requester's address).
        sql<string>`${sql.ref(column)}`.as('key'),
        sql<number>`count(*)::int`.as('incidents'),
        sql<Date>`min(registered_at)`.as('first_at'),
        sql<Date>`max(registered_at)`.as('last_at'),
        sql<string[]>`(array_agg(number ORDER BY number DESC))[1:10]`.as('latest_numbers'),
      ])
      .where('registered_at', '>=', criteria.from)
      .where('registered_at', '<', criteria.to)
      .where('type', '=', sql<(typeof INCIDENT_TYPES)[number]>`ANY(${[...INCIDENT_TYPES]})`);
    const rows = await fetchRows(
      this.runtime.dataSource,
      (scope ? incidents.where(DIMENSION_COLUMN[scope.dimension], '=', scope.value) : incidents)
        .groupBy(sql`1`)
        .having(sql<number>`count(*)`, '>=', criteria.minCount)
        .orderBy('incidents', 'desc')
        .orderBy('key')
        .limit(criteria.limit),
    );
    return rows.map((r) => ({
      key: r.key,
      incidents: r.incidents,
      firstAt: r.first_at,
      lastAt: r.last_at,
      latestNumbers: r.latest_numbers.map(Number),
    }));
  }

  /**
   * The whole desk's ranking by category or jurisdiction from recurring_daily: the values' sums over the
   * period's days, then the ten highest numbers among the days' ten of each value ranked.
   */
  private async recurringDaily(criteria: {
    fromDay: string;
    toDay: string;
    by: RecurrenceKey;
    minCount: number;
    limit: number;
  }): Promise<RecurringRow[]> {
    const fromDay = localDay(criteria.fromDay);
    const toDay = localDay(criteria.toDay);
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .with('ranked', (db) =>
          db
            .selectFrom('recurring_daily')
            .select([
              'key',
              sql<number>`sum(incidents)::int`.as('incidents'),
              // Every day kept has its incidents' first and last registration.
              sql<Date>`min(first_at)`.as('first_at'),
              sql<Date>`max(last_at)`.as('last_at'),
            ])
            .where('by', '=', criteria.by)
            .where('day', '>=', fromDay)
            .where('day', '<', toDay)
            .groupBy('key')
            .having(sql<number>`sum(incidents)`, '>=', criteria.minCount)
            .orderBy('incidents', 'desc')
            .orderBy('key')
            .limit(criteria.limit),
        )
        .selectFrom('ranked')
        .selectAll('ranked')
        .select(
          sql<string[]>`ARRAY(
            SELECT n FROM ${sql.id(this.runtime.schema, 'recurring_daily')} d, unnest(d.latest_numbers) n
            WHERE d.by = ${criteria.by} AND d.key = ranked.key AND d.day >= ${fromDay} AND d.day < ${toDay}
            ORDER BY n DESC LIMIT 10)`.as('latest_numbers'),
        )
        .orderBy('incidents', 'desc')
        .orderBy('key'),
    );
    return rows.map((r) => ({
      key: r.key,
      incidents: r.incidents,
      firstAt: r.first_at,
      lastAt: r.last_at,
      latestNumbers: r.latest_numbers.map(Number),
    }));
  }

  /**
   * Tickets and jurisdictions by year of registration, services by year of closure, from kpi_daily's local
   * days (a few thousand rows a year instead of every fact): `opened` and `closed` of the overall rows count
   * exactly the facts registered and closed on each day, and a jurisdiction was served in a year when one of
   * its days there has `opened` above zero. `fromDay`/`toDay` are local dates, `toDay` excluded.
   */
  async yearly(criteria: {
    fromDay: string;
    toDay: string;
    scope?: ReportScopeV1 | null;
    zone: string;
  }): Promise<YearlyRow[]> {
    if (criteria.scope) return this.scopedYearly({ ...criteria, scope: criteria.scope });
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('kpi_daily')
        .select([
          sql<number>`extract(year FROM day)::int`.as('year'),
          sql<number>`COALESCE(sum(opened) FILTER (WHERE dimension = ''), 0)::int`.as('tickets'),
          sql<number>`COALESCE(sum(closed) FILTER (WHERE dimension = ''), 0)::int`.as('services'),
          sql<number>`count(DISTINCT value) FILTER (WHERE dimension = 'jurisdiction' AND opened > 0)::int`.as(
            'jurisdictions',
          ),
        ])
        .where('dimension', 'in', ['', 'jurisdiction'])
        .where('day', '>=', localDay(criteria.fromDay))
        .where('day', '<', localDay(criteria.toDay))
        .groupBy(sql`1`),
    );
    return rows.map((r) => ({
      year: r.year,
      tickets: r.tickets,
      services: r.services,
      jurisdictionsServed: r.jurisdictions,
    }));
  }

  /**
   * The yearly figures of one area or jurisdiction: tickets and services from its kpi_daily rows; the
   * jurisdictions an area served from its facts (kpi_daily holds one dimension at a time), by local year.
   */
  private async scopedYearly(criteria: {
    fromDay: string;
    toDay: string;
    scope: ReportScopeV1;
    zone: string;
  }): Promise<YearlyRow[]> {
    const { scope } = criteria;
    const counts = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('kpi_daily')
        .select([
          sql<number>`extract(year FROM day)::int`.as('year'),
          sql<number>`COALESCE(sum(opened), 0)::int`.as('tickets'),
          sql<number>`COALESCE(sum(closed), 0)::int`.as('services'),
          sql<number>`(sum(opened) > 0)::int`.as('served'),
        ])
        .where('dimension', '=', DIMENSION_COLUMN[scope.dimension])
        .where('value', '=', scope.value)
        .where('day', '>=', localDay(criteria.fromDay))
        .where('day', '<', localDay(criteria.toDay))
        .groupBy(sql`1`),
    );
    const served = new Map<number, number>();
    if (scope.dimension === 'area') {
      const zone = criteria.zone;
      const rows = await fetchRows(
        this.runtime.dataSource,
        this.db
          .selectFrom('ticket_facts')
          .select([
            sql<number>`extract(year FROM registered_at AT TIME ZONE ${zone})::int`.as('year'),
            sql<number>`count(DISTINCT jurisdiction)::int`.as('jurisdictions'),
          ])
          .where('area', '=', scope.value)
          .where('registered_at', '>=', sql<Date>`(${criteria.fromDay}::date::timestamp AT TIME ZONE ${zone})`)
          .where('registered_at', '<', sql<Date>`(${criteria.toDay}::date::timestamp AT TIME ZONE ${zone})`)
          .groupBy(sql`1`),
      );
      for (const row of rows) served.set(row.year, row.jurisdictions);
    } else {
      for (const row of counts) served.set(row.year, row.served);
    }
    return counts.map((r) => ({
      year: r.year,
      tickets: r.tickets,
      services: r.services,
      jurisdictionsServed: served.get(r.year) ?? 0,
    }));
  }
}

type Counter = (typeof KPI_DAILY_COUNTERS)[number] | (typeof KPI_DAILY_SUMS)[number];
type HistColumn = (typeof KPI_DAILY_HISTS)[number];

/** One kpi_daily row as read. */
type DailyRow = { day: string; value: string | null } & Record<Counter, Numeric> & Record<HistColumn, Histogram>;

/** kpi_daily rows summed per period of the granularity. */
interface PeriodTotals {
  bucket: string;
  value: string | null;
  counters: Record<Counter, number>;
  hists: Record<HistColumn, Float64Array>;
}

const SUMMED: readonly Counter[] = [...KPI_DAILY_COUNTERS, ...KPI_DAILY_SUMS];

/**
 * The local date the period of a local day starts on (date_trunc's: months on the 1st, weeks on Monday;
 * the report's first day for `total`).
 */
export function periodKeyOf(day: string, granularity: KpiGranularity, fromDay: string): string {
  if (granularity === 'total') return fromDay;
  if (granularity === 'day') return day;
  if (granularity === 'month') return `${day.slice(0, 8)}01`;
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** Sums daily rows into periods and turns them into the aggregates the formulas take. */
export function aggregateDays(
  rows: readonly DailyRow[],
  granularity: KpiGranularity,
  fromDay: string,
): Omit<KpiAggregates, 'openAtStart'> {
  const totals = new Map<string, PeriodTotals>();
  const keys = new Map<string, string>();
  for (const row of rows) {
    let bucket = keys.get(row.day);
    if (bucket === undefined) keys.set(row.day, (bucket = periodKeyOf(row.day, granularity, fromDay)));
    const key = `${bucket}\u0000${row.value ?? ''}\u0000${row.value === null ? 'null' : 'value'}`;
    let t = totals.get(key);
    if (!t) {
      t = {
        bucket,
        value: row.value,
        counters: Object.fromEntries(SUMMED.map((c) => [c, 0])) as Record<Counter, number>,
        hists: {
          fr_business_hist: new Float64Array(BUCKET_COUNT),
          fr_calendar_hist: new Float64Array(BUCKET_COUNT),
          res_business_hist: new Float64Array(BUCKET_COUNT),
          res_calendar_hist: new Float64Array(BUCKET_COUNT),
        },
      };
      totals.set(key, t);
    }
    for (const c of SUMMED) t.counters[c] += int(row[c]);
    for (const h of KPI_DAILY_HISTS) addHistogram(t.hists[h], row[h]);
  }
  const periods = [...totals.values()];
  const stats = (t: PeriodTotals, measure: 'fr_business' | 'fr_calendar' | 'res_business' | 'res_calendar') => {
    const n = t.counters[`${measure}_n`];
    const hist = t.hists[`${measure}_hist`];
    return {
      average: n === 0 ? null : t.counters[`${measure}_sum`] / n,
      p50: densePercentile(hist, 0.5),
      p90: densePercentile(hist, 0.9),
    };
  };
  const c = (t: PeriodTotals) => t.counters;
  return {
    opened: periods
      .filter((t) => c(t).opened !== 0)
      .map((t) => ({ bucket: t.bucket, value: t.value, opened: c(t).opened, calls: c(t).calls })),
    responded: periods
      .filter((t) => c(t).responded !== 0)
      .map((t) => ({
        bucket: t.bucket,
        value: t.value,
        responded: c(t).responded,
        business: stats(t, 'fr_business'),
        calendar: stats(t, 'fr_calendar'),
        responseMet: c(t).response_met,
      })),
    closed: periods
      .filter((t) => c(t).closed !== 0)
      .map((t) => ({
        bucket: t.bucket,
        value: t.value,
        closed: c(t).closed,
        resolved: c(t).resolved,
        business: stats(t, 'res_business'),
        calendar: stats(t, 'res_calendar'),
        resolutionMet: c(t).resolution_met,
        incidents: c(t).incidents,
        incidentsAtL1: c(t).incidents_at_l1,
        queries: c(t).queries,
        queriesAtL1: c(t).queries_at_l1,
        surveyed: c(t).surveyed,
      })),
    surveys: periods
      .filter((t) => c(t).satisfecho + c(t).regular + c(t).insatisfecho !== 0)
      .map((t) => ({
        bucket: t.bucket,
        value: t.value,
        satisfecho: c(t).satisfecho,
        regular: c(t).regular,
        insatisfecho: c(t).insatisfecho,
      })),
    overdue: periods
      .filter((t) => c(t).overdue !== 0)
      .map((t) => ({ bucket: t.bucket, value: t.value, overdue: c(t).overdue })),
    merged: periods
      .filter((t) => c(t).merged !== 0)
      .map((t) => ({ bucket: t.bucket, value: t.value, merged: c(t).merged })),
  };
}

/** A local date (YYYY-MM-DD) compared with a date column, cast as the hand-written SQL cast it. */
function localDay(day: string) {
  return sql<Date>`${day}::date`;
}

function int(value: Numeric | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** What a closure's timeline entry holds of resolution's measure (`ticket.closed`'s details). */
interface ClosureDetails {
  resolutionBusinessMinutes?: number;
  resolutionCalendarMinutes?: number;
}

/**
 * A registered ticket's view row, what its timeline says of derivations, reopenings and breaches (one
 * lateral aggregate), its merge, its latest closure's measure and latest solver, and the calendars' version.
 */
function sourceQuery(db: typeof reportingRows, ticketIds: readonly string[]) {
  const derivations = [ProcedureEvents.TicketEscalated.type, ProcedureEvents.SolutionReturned.type];
  const target = sql<string>`t.details->>'target'`;
  return (
    db
      .selectFrom('ticket_view as v')
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('ticket_timeline as t')
            .select((timeline) => [
              timeline.fn
                .min<Date | null>('t.at')
                .filterWhere('t.type', '=', sql<string>`ANY(${derivations})`)
                .as('first_derived_at'),
              sql<number>`(count(*) FILTER (WHERE t.type = ANY(${derivations})))::int`.as('derivations'),
              timeline.fn
                .max<Date | null>('t.at')
                .filterWhere('t.type', '=', ProcedureEvents.TicketReopened.type)
                .as('reopened_at'),
              timeline.fn
                .min<Date | null>('t.at')
                .filterWhere((f) =>
                  f.and([f('t.type', '=', ProcedureEvents.SlaBreached.type), f(target, '=', 'response')]),
                )
                .as('response_breached_at'),
              timeline.fn
                .min<Date | null>('t.at')
                .filterWhere((f) =>
                  f.and([f('t.type', '=', ProcedureEvents.SlaBreached.type), f(target, '=', 'resolution')]),
                )
                .as('resolution_breached_at'),
            ])
            .whereRef('t.ticket_id', '=', 'v.ticket_id')
            .as('p'),
        // An aggregate without GROUP BY is one row: the join keeps every ticket, as the comma join did.
        (join) => join.onTrue(),
      )
      .select([
        'v.ticket_id',
        'v.number',
        'v.registered_at',
        'v.type',
        'v.channel',
        'v.category',
        'v.service',
        'v.jurisdiction',
        'v.requester_email',
        'v.priority',
        'v.area',
        'v.status',
        'v.first_response_at',
        'v.resolved_at',
        'v.closed_at',
        'v.reopened_count',
        'v.satisfaction',
        'v.satisfaction_at',
        'p.first_derived_at',
        'p.derivations',
        'p.reopened_at',
        'p.response_breached_at',
        'p.resolution_breached_at',
      ])
      .select((eb) => [
        eb
          .selectFrom('ticket_merges as m')
          .select('m.merged_at')
          .whereRef('m.duplicate_ticket_id', '=', 'v.ticket_id')
          .as('merged_at'),
        eb
          .selectFrom('ticket_timeline as t')
          .select(sql<ClosureDetails>`t.details`.as('details'))
          .whereRef('t.ticket_id', '=', 'v.ticket_id')
          .where('t.type', '=', ProcedureEvents.TicketClosed.type)
          .orderBy('t.at', 'desc')
          .orderBy('t.arrival', 'desc')
          .limit(1)
          .as('closure'),
        eb.selectFrom('business_calendars as c').select('c.version').as('calendars_version'),
        eb
          .selectFrom('ticket_timeline as t')
          .select(
            sql<Solver>`jsonb_build_object('accountId', t.by->>'accountId', 'name', t.by->>'name', 'area', t.area)`.as(
              'solver',
            ),
          )
          .whereRef('t.ticket_id', '=', 'v.ticket_id')
          .where('t.type', '=', ProcedureEvents.SolutionProposed.type)
          .orderBy('t.at', 'desc')
          .orderBy('t.arrival', 'desc')
          .limit(1)
          .as('solver'),
      ])
      .where('v.ticket_id', '=', sql<string>`ANY(${ticketIds}::uuid[])`)
      .where('v.number', 'is not', null)
      // A numbered row is a registered one, and registration writes these columns together.
      .$narrowType<{
        number: NotNull;
        registered_at: NotNull;
        type: NotNull;
        channel: NotNull;
        category: NotNull;
        jurisdiction: NotNull;
        requester_email: NotNull;
      }>()
  );
}

function toSource(row: InferResult<ReturnType<typeof sourceQuery>>[number]): TicketFactSource {
  const closure = row.closure;
  return {
    ticketId: row.ticket_id,
    number: Number(row.number),
    registeredAt: row.registered_at,
    type: row.type,
    channel: row.channel,
    category: row.category,
    service: row.service,
    jurisdiction: row.jurisdiction,
    requesterEmail: row.requester_email,
    priority: row.priority,
    area: row.area,
    status: row.status,
    firstResponseAt: row.first_response_at,
    solvedAt: row.resolved_at,
    closedAt: row.closed_at,
    reopenedAt: row.reopened_at,
    reopenedCount: row.reopened_count,
    satisfaction: row.satisfaction,
    satisfactionAt: row.satisfaction_at,
    firstDerivedAt: row.first_derived_at,
    derivations: row.derivations,
    responseBreachedAt: row.response_breached_at,
    resolutionBreachedAt: row.resolution_breached_at,
    mergedAt: row.merged_at,
    solver: row.solver,
    closure:
      closure &&
      typeof closure.resolutionBusinessMinutes === 'number' &&
      typeof closure.resolutionCalendarMinutes === 'number'
        ? { businessMinutes: closure.resolutionBusinessMinutes, calendarMinutes: closure.resolutionCalendarMinutes }
        : null,
  };
}

/** Whether a stored fact column holds the value computed for it (bigints come back as text, instants as dates). */
function sameValue(stored: unknown, computed: Date | number | string | null): boolean {
  if (computed instanceof Date) return stored instanceof Date && stored.getTime() === computed.getTime();
  if (typeof computed === 'number') return stored !== null && Number(stored) === computed;
  return stored === computed;
}
