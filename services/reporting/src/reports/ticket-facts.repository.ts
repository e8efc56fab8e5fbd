import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProcedureEvents, type RecurrenceKey, type ReportDimension, type ReportGranularity } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { TicketFact, TicketFactSource } from './ticket-fact.js';

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
  /** Tickets open when the report starts, per dimension value. */
  openAtStart: Array<{ value: string | null; open: number }>;
}

export interface KpiCriteria {
  from: Date;
  to: Date;
  zone: string;
  granularity: ReportGranularity;
  dimension: ReportDimension | null;
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

/** Report dimensions and recurrence keys name fact columns; only these fixed names reach the SQL. */
const DIMENSION_COLUMN: Record<ReportDimension, string> = {
  area: 'area',
  jurisdiction: 'jurisdiction',
  channel: 'channel',
  priority: 'priority',
  category: 'category',
};
const RECURRENCE_COLUMN: Record<RecurrenceKey, string> = {
  category: 'category',
  requester: 'requester_email',
  jurisdiction: 'jurisdiction',
};
const TRUNC_UNIT: Record<ReportGranularity, string> = { day: 'day', week: 'week', month: 'month' };

interface SourceRow {
  ticket_id: string;
  number: string;
  registered_at: Date;
  type: TicketFactSource['type'];
  channel: TicketFactSource['channel'];
  category: string;
  jurisdiction: string;
  requester_email: string;
  priority: TicketFactSource['priority'];
  area: string | null;
  status: TicketFactSource['status'];
  first_response_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  reopened_count: number;
  satisfaction: TicketFactSource['satisfaction'];
  satisfaction_at: Date | null;
  first_derived_at: Date | null;
  derivations: number;
  reopened_at: Date | null;
  response_breached_at: Date | null;
  resolution_breached_at: Date | null;
  closure: { resolutionBusinessMinutes?: number; resolutionCalendarMinutes?: number } | null;
}

type Numeric = string | number | null;

/** The fact table: rebuilt per ticket from the view and the path; read by the reports in a few aggregates. */
@Injectable()
export class TicketFactsRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Everything the fact row is computed from, in one read; null while the registration is not seen. */
  async source(tx: EntityManager, ticketId: string): Promise<TicketFactSource | null> {
    const rows: SourceRow[] = await tx.query(
      `SELECT v.ticket_id, v.number, v.registered_at, v.type, v.channel, v.category, v.jurisdiction,
              v.requester_email, v.priority, v.area, v.status, v.first_response_at, v.resolved_at, v.closed_at,
              v.reopened_count, v.satisfaction, v.satisfaction_at,
              p.first_derived_at, p.derivations, p.reopened_at, p.response_breached_at, p.resolution_breached_at,
              (SELECT t.details FROM "${this.s}".ticket_timeline t
               WHERE t.ticket_id = v.ticket_id AND t.type = $2
               ORDER BY t.at DESC, t.arrival DESC LIMIT 1) AS closure
       FROM "${this.s}".ticket_view v,
       LATERAL (
         SELECT min(t.at) FILTER (WHERE t.type = ANY($3)) AS first_derived_at,
                (count(*) FILTER (WHERE t.type = ANY($3)))::int AS derivations,
                max(t.at) FILTER (WHERE t.type = $4) AS reopened_at,
                min(t.at) FILTER (WHERE t.type = $5 AND t.details->>'target' = 'response') AS response_breached_at,
                min(t.at) FILTER (WHERE t.type = $5 AND t.details->>'target' = 'resolution')
                  AS resolution_breached_at
         FROM "${this.s}".ticket_timeline t WHERE t.ticket_id = v.ticket_id
       ) p
       WHERE v.ticket_id = $1 AND v.number IS NOT NULL`,
      [
        ticketId,
        ProcedureEvents.TicketClosed.type,
        [ProcedureEvents.TicketEscalated.type, ProcedureEvents.SolutionReturned.type],
        ProcedureEvents.TicketReopened.type,
        ProcedureEvents.SlaBreached.type,
      ],
    );
    const row = rows[0];
    return row ? toSource(row) : null;
  }

  async save(tx: EntityManager, fact: TicketFact): Promise<void> {
    const values = [
      fact.ticketId,
      fact.number,
      fact.registeredAt,
      fact.type,
      fact.channel,
      fact.category,
      fact.jurisdiction,
      fact.requesterEmail,
      fact.priority,
      fact.area,
      fact.status,
      fact.firstResponseAt,
      fact.firstResponseBusinessMinutes,
      fact.firstResponseCalendarMinutes,
      fact.firstDerivedAt,
      fact.derivations,
      fact.solvedAt,
      fact.closedAt,
      fact.resolutionBusinessMinutes,
      fact.resolutionCalendarMinutes,
      fact.reopenedAt,
      fact.reopenedCount,
      fact.satisfaction,
      fact.satisfactionAt,
      fact.responseBreachedAt,
      fact.resolutionBreachedAt,
      fact.breachedAt,
    ];
    const columns = [
      'ticket_id',
      'number',
      'registered_at',
      'type',
      'channel',
      'category',
      'jurisdiction',
      'requester_email',
      'priority',
      'area',
      'status',
      'first_response_at',
      'first_response_business_minutes',
      'first_response_calendar_minutes',
      'first_derived_at',
      'derivations',
      'solved_at',
      'closed_at',
      'resolution_business_minutes',
      'resolution_calendar_minutes',
      'reopened_at',
      'reopened_count',
      'satisfaction',
      'satisfaction_at',
      'response_breached_at',
      'resolution_breached_at',
      'breached_at',
    ];
    await tx.query(
      `INSERT INTO "${this.s}".ticket_facts (${columns.join(', ')})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (ticket_id) DO UPDATE SET
         ${columns
           .slice(1)
           .map((c) => `${c} = EXCLUDED.${c}`)
           .join(', ')}`,
      values,
    );
  }

  /**
   * The aggregates of a KPI report, one statement per milestone so each reads only its period's rows
   * through that milestone's index; they run side by side on the pool.
   */
  async kpiAggregates(criteria: KpiCriteria): Promise<KpiAggregates> {
    const { from, to, zone } = criteria;
    const value = criteria.dimension ? DIMENSION_COLUMN[criteria.dimension] : 'NULL::text';
    const unit = TRUNC_UNIT[criteria.granularity];
    const bucketOf = (column: string) => `to_char(date_trunc('${unit}', ${column} AT TIME ZONE $3), 'YYYY-MM-DD')`;
    const grouped = (column: string, aggregates: string, extra = '') =>
      `SELECT ${bucketOf(column)} AS bucket, ${value} AS value, ${aggregates}
       FROM "${this.s}".ticket_facts
       WHERE ${column} >= $1 AND ${column} < $2 ${extra}
       GROUP BY 1, 2`;
    const stats = (column: string) =>
      `avg(${column})::float8 AS ${column}_avg,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS ${column}_p50,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY ${column}) AS ${column}_p90`;
    const query = <T>(sql: string, params: unknown[] = [from, to, zone]): Promise<T[]> =>
      this.runtime.dataSource.query(sql, params);
    const incidents = `type IN (${INCIDENT_TYPES.map((t) => `'${t}'`).join(', ')})`;
    const queries = `type IN (${QUERY_TYPES.map((t) => `'${t}'`).join(', ')})`;

    const [opened, responded, closed, surveys, overdue, openAtStart] = await Promise.all([
      query<Record<string, Numeric>>(
        grouped(
          'registered_at',
          `count(*)::int AS opened, (count(*) FILTER (WHERE channel = 'telefono'))::int AS calls`,
        ),
      ),
      query<Record<string, Numeric>>(
        grouped(
          'first_response_at',
          `count(*)::int AS responded, ${stats('first_response_business_minutes')},
           ${stats('first_response_calendar_minutes')},
           (count(*) FILTER (WHERE response_breached_at IS NULL))::int AS response_met`,
        ),
      ),
      query<Record<string, Numeric>>(
        grouped(
          'closed_at',
          `count(*)::int AS closed, count(resolution_business_minutes)::int AS resolved,
           ${stats('resolution_business_minutes')}, ${stats('resolution_calendar_minutes')},
           (count(*) FILTER (WHERE resolution_breached_at IS NULL))::int AS resolution_met,
           (count(*) FILTER (WHERE ${incidents}))::int AS incidents,
           (count(*) FILTER (WHERE ${incidents} AND derivations = 0))::int AS incidents_at_l1,
           (count(*) FILTER (WHERE ${queries}))::int AS queries,
           (count(*) FILTER (WHERE ${queries} AND derivations = 0))::int AS queries_at_l1,
           (count(*) FILTER (WHERE satisfaction IS NOT NULL))::int AS surveyed`,
        ),
      ),
      query<Record<string, Numeric>>(
        grouped(
          'satisfaction_at',
          `(count(*) FILTER (WHERE satisfaction = 'satisfecho'))::int AS satisfecho,
           (count(*) FILTER (WHERE satisfaction = 'regular'))::int AS regular,
           (count(*) FILTER (WHERE satisfaction = 'insatisfecho'))::int AS insatisfecho`,
        ),
      ),
      query<Record<string, Numeric>>(grouped('breached_at', 'count(*)::int AS overdue')),
      query<{ value: string | null; open: number }>(
        `SELECT ${value} AS value, count(*)::int AS open FROM "${this.s}".ticket_facts
         WHERE registered_at < $1 AND (closed_at IS NULL OR closed_at >= $1)
         GROUP BY 1`,
        [from],
      ),
    ]);
    const key = (row: Record<string, Numeric>): BucketKey => ({
      bucket: String(row.bucket),
      value: row.value === null ? null : String(row.value),
    });
    return {
      opened: opened.map((r) => ({ ...key(r), opened: int(r.opened), calls: int(r.calls) })),
      responded: responded.map((r) => ({
        ...key(r),
        responded: int(r.responded),
        business: duration(r, 'first_response_business_minutes'),
        calendar: duration(r, 'first_response_calendar_minutes'),
        responseMet: int(r.response_met),
      })),
      closed: closed.map((r) => ({
        ...key(r),
        closed: int(r.closed),
        resolved: int(r.resolved),
        business: duration(r, 'resolution_business_minutes'),
        calendar: duration(r, 'resolution_calendar_minutes'),
        resolutionMet: int(r.resolution_met),
        incidents: int(r.incidents),
        incidentsAtL1: int(r.incidents_at_l1),
        queries: int(r.queries),
        queriesAtL1: int(r.queries_at_l1),
        surveyed: int(r.surveyed),
      })),
      surveys: surveys.map((r) => ({
        ...key(r),
        satisfecho: int(r.satisfecho),
        regular: int(r.regular),
        insatisfecho: int(r.insatisfecho),
      })),
      overdue: overdue.map((r) => ({ ...key(r), overdue: int(r.overdue) })),
      openAtStart,
    };
  }

  /** Incidents registered in the period grouped by what repeats, most repeated first. */
  async recurring(criteria: {
    from: Date;
    to: Date;
    by: RecurrenceKey;
    minCount: number;
    limit: number;
  }): Promise<RecurringRow[]> {
    const column = RECURRENCE_COLUMN[criteria.by];
    const rows: Array<{
      key: string;
      incidents: number;
      first_at: Date;
      last_at: Date;
      latest_numbers: string[];
    }> = await this.runtime.dataSource.query(
      `SELECT ${column} AS key, count(*)::int AS incidents, min(registered_at) AS first_at,
              max(registered_at) AS last_at, (array_agg(number ORDER BY number DESC))[1:10] AS latest_numbers
       FROM "${this.s}".ticket_facts
       WHERE registered_at >= $1 AND registered_at < $2 AND type = ANY($3)
       GROUP BY 1
       HAVING count(*) >= $4
       ORDER BY incidents DESC, key
       LIMIT $5`,
      [criteria.from, criteria.to, [...INCIDENT_TYPES], criteria.minCount, criteria.limit],
    );
    return rows.map((r) => ({
      key: r.key,
      incidents: r.incidents,
      firstAt: r.first_at,
      lastAt: r.last_at,
      latestNumbers: r.latest_numbers.map(Number),
    }));
  }

  /** Tickets and jurisdictions by year of registration, services by year of closure (local years). */
  async yearly(criteria: { from: Date; to: Date; zone: string }): Promise<YearlyRow[]> {
    const rows: Array<{ year: number; tickets: number; services: number; jurisdictions: number }> =
      await this.runtime.dataSource.query(
        `WITH registered AS (
           SELECT extract(year FROM registered_at AT TIME ZONE $3)::int AS year, count(*)::int AS tickets,
                  count(DISTINCT jurisdiction)::int AS jurisdictions
           FROM "${this.s}".ticket_facts WHERE registered_at >= $1 AND registered_at < $2 GROUP BY 1),
         closed AS (
           SELECT extract(year FROM closed_at AT TIME ZONE $3)::int AS year, count(*)::int AS services
           FROM "${this.s}".ticket_facts WHERE closed_at >= $1 AND closed_at < $2 GROUP BY 1)
         SELECT year, COALESCE(r.tickets, 0) AS tickets, COALESCE(c.services, 0) AS services,
                COALESCE(r.jurisdictions, 0) AS jurisdictions
         FROM registered r FULL JOIN closed c USING (year)`,
        [criteria.from, criteria.to, criteria.zone],
      );
    return rows.map((r) => ({
      year: r.year,
      tickets: r.tickets,
      services: r.services,
      jurisdictionsServed: r.jurisdictions,
    }));
  }
}

function int(value: Numeric | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function duration(row: Record<string, Numeric>, column: string): DurationAggregate {
  const number = (v: Numeric | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    average: number(row[`${column}_avg`]),
    p50: number(row[`${column}_p50`]),
    p90: number(row[`${column}_p90`]),
  };
}

function toSource(row: SourceRow): TicketFactSource {
  const closure = row.closure;
  return {
    ticketId: row.ticket_id,
    number: Number(row.number),
    registeredAt: row.registered_at,
    type: row.type,
    channel: row.channel,
    category: row.category,
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
    closure:
      closure &&
      typeof closure.resolutionBusinessMinutes === 'number' &&
      typeof closure.resolutionCalendarMinutes === 'number'
        ? { businessMinutes: closure.resolutionBusinessMinutes, calendarMinutes: closure.resolutionCalendarMinutes }
        : null,
  };
}
