import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type ReportScopeV1, type TicketType } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

export interface ProductivityCriteria {
  /** The instants the period's local dates start at; `to` excluded. */
  from: Date;
  to: Date;
  /** The same period as local dates (`toDay` excluded), for the daily pre-aggregate. */
  fromDay: string;
  toDay: string;
  scope: ReportScopeV1 | null;
}

/** Sums of minutes and how many were summed, so means stay exact. */
export interface DurationSums {
  n: number;
  business: number;
  calendar: number;
}

export interface TechnicianRow {
  accountId: string;
  name: string;
  /** When the step the name was read from happened (the latest wins across the three measures). */
  at: Date;
  taken: number;
  solved: number;
  minutesLogged: number;
  resolution: DurationSums;
}

export interface AreaRow {
  area: string;
  resolved: number;
  minutesLogged: number;
  resolution: DurationSums;
}

export interface TypeRow {
  type: TicketType;
  opened: number;
  closed: number;
  resolution: DurationSums;
}

export interface ProductivityRows {
  technicians: TechnicianRow[];
  areas: AreaRow[];
  types: TypeRow[];
}

type Numeric = string | number | null;

/**
 * The productivity figures, read from the fact table's daily pre-aggregate (productivity_daily; a
 * jurisdiction's from the facts) and the tickets' paths (ticket_timeline), where every step records who
 * took it, in which area, and its details (the assignee, the minutes of a work log).
 *
 * The solution a closed ticket was approved with is the latest `ticket.solution-proposed` of its path:
 * a ticket is closed only with a registered solution, and a new registration (after a rejected review or
 * a reopening) replaces the earlier one. Its author solved the ticket; its area resolved it.
 */
@Injectable()
export class ProductivityRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async rows(criteria: ProductivityCriteria): Promise<ProductivityRows> {
    const [solved, taken, logged, opened] = await Promise.all([
      this.solved(criteria),
      this.taken(criteria),
      this.logged(criteria),
      this.opened(criteria),
    ]);
    return merge(solved, taken, logged, opened);
  }

  /**
   * Tickets closed in the period (and still closed: the fact's `closed_at`, as the KPI report's `closed`)
   * with the author and area of their approved solution (the fact's `solver_*`, its path's latest
   * solution). The whole desk's and an area's (the tickets its solution resolved) are read from
   * productivity_daily; a jurisdiction's from its facts, which that table does not break down by.
   */
  private async solved(criteria: ProductivityCriteria): Promise<SolvedRow[]> {
    const { scope } = criteria;
    if (scope?.dimension !== 'jurisdiction') return this.solvedDaily(criteria);
    return this.runtime.dataSource.query<SolvedRow[]>(
      `WITH closed AS (
         SELECT f.type, f.closed_at, f.resolution_business_minutes AS business,
                f.resolution_calendar_minutes AS calendar, f.solver_account_id AS account_id,
                f.solver_name AS name, f.solver_area AS area
         FROM "${this.s}".ticket_facts f
         WHERE f.closed_at >= $1 AND f.closed_at < $2 AND f.jurisdiction = $3
       )
       SELECT 'technician' AS kind, account_id AS key, (array_agg(name ORDER BY closed_at DESC))[1] AS name,
              max(closed_at) AS at, NULL AS type, count(*)::int AS n,
              count(business)::int AS measured, sum(business) AS business, sum(calendar) AS calendar
       FROM closed s WHERE account_id IS NOT NULL GROUP BY account_id
       UNION ALL
       SELECT 'area', area, NULL, NULL, NULL, count(*)::int, count(business)::int, sum(business), sum(calendar)
       FROM closed s WHERE area IS NOT NULL GROUP BY area
       UNION ALL
       SELECT 'type', NULL, NULL, NULL, type, count(*)::int, count(business)::int, sum(business), sum(calendar)
       FROM closed s GROUP BY type`,
      [criteria.from, criteria.to, scope.value],
    );
  }

  /**
   * The same figures from productivity_daily (the whole desk's, or an area's: its rows are keyed by the
   * solution's area): at most a few hundred rows per day instead of every fact closed in the period.
   */
  private async solvedDaily(criteria: ProductivityCriteria): Promise<SolvedRow[]> {
    const area = criteria.scope?.dimension === 'area' ? criteria.scope.value : null;
    return this.runtime.dataSource.query<SolvedRow[]>(
      `SELECT CASE kind WHEN 'closed_type' THEN 'type' ELSE kind END AS kind,
              CASE WHEN kind = 'closed_type' THEN NULL ELSE key END AS key,
              (array_agg(name ORDER BY name_at DESC) FILTER (WHERE name_at IS NOT NULL))[1] AS name,
              max(name_at) AS at, CASE WHEN kind = 'closed_type' THEN key END AS type,
              sum(n)::int AS n, sum(measured)::int AS measured, sum(business) AS business, sum(calendar) AS calendar
       FROM "${this.s}".productivity_daily
       WHERE kind IN ('technician', 'area', 'closed_type') AND day >= $1::date AND day < $2::date
         AND ($3::text IS NULL OR area = $3)
       GROUP BY kind, key
       HAVING sum(n) <> 0`,
      [criteria.fromDay, criteria.toDay, area],
    );
  }

  /** Distinct tickets each person took or was assigned in the period (the assignee of `ticket.taken`). */
  private async taken(criteria: ProductivityCriteria): Promise<StepRow[]> {
    const { join, filter, params } = this.stepScope(criteria, [ProcedureEvents.TicketTaken.type]);
    return this.runtime.dataSource.query<StepRow[]>(
      `SELECT t.details->'assignee'->>'accountId' AS account_id,
              (array_agg(t.details->'assignee'->>'name' ORDER BY t.at DESC))[1] AS name, max(t.at) AS at,
              NULL AS area, count(DISTINCT t.ticket_id)::int AS n
       FROM "${this.s}".ticket_timeline t${join}
       WHERE t.type = $3 AND t.at >= $1 AND t.at < $2${filter}
       GROUP BY 1`,
      params,
    );
  }

  /** Minutes of the work logs each person recorded in the period, per area they recorded them in. */
  private async logged(criteria: ProductivityCriteria): Promise<StepRow[]> {
    const { join, filter, params } = this.stepScope(criteria, [ProcedureEvents.WorkLogged.type]);
    return this.runtime.dataSource.query<StepRow[]>(
      `SELECT t.by->>'accountId' AS account_id, (array_agg(t.by->>'name' ORDER BY t.at DESC))[1] AS name,
              max(t.at) AS at, t.area, sum((t.details->>'minutes')::int)::int AS n
       FROM "${this.s}".ticket_timeline t${join}
       WHERE t.type = $3 AND t.at >= $1 AND t.at < $2${filter}
       GROUP BY 1, t.area`,
      params,
    );
  }

  /**
   * Tickets registered in the period by type (an area's: those now in it, as the KPI report's area row),
   * from productivity_daily; a jurisdiction's from its facts.
   */
  private async opened(criteria: ProductivityCriteria): Promise<Array<{ type: TicketType; n: number }>> {
    const { scope } = criteria;
    if (scope?.dimension !== 'jurisdiction') {
      return this.runtime.dataSource.query(
        `SELECT key AS type, sum(n)::int AS n FROM "${this.s}".productivity_daily
         WHERE kind = 'opened_type' AND day >= $1::date AND day < $2::date AND ($3::text IS NULL OR area = $3)
         GROUP BY key HAVING sum(n) <> 0`,
        [criteria.fromDay, criteria.toDay, scope?.value ?? null],
      );
    }
    return this.runtime.dataSource.query(
      `SELECT type, count(*)::int AS n FROM "${this.s}".ticket_facts
       WHERE registered_at >= $1 AND registered_at < $2 AND jurisdiction = $3
       GROUP BY type`,
      [criteria.from, criteria.to, scope.value],
    );
  }

  /** Steps of an area's report are those taken in the area; of a jurisdiction's, those of its tickets. */
  private stepScope(
    criteria: ProductivityCriteria,
    types: string[],
  ): { join: string; filter: string; params: unknown[] } {
    const { scope } = criteria;
    const params: unknown[] = [criteria.from, criteria.to, ...types];
    if (!scope) return { join: '', filter: '', params };
    params.push(scope.value);
    if (scope.dimension === 'area') return { join: '', filter: ` AND t.area = $${params.length}`, params };
    return {
      join: ` JOIN "${this.s}".ticket_facts f ON f.ticket_id = t.ticket_id`,
      filter: ` AND f.jurisdiction = $${params.length}`,
      params,
    };
  }
}

interface SolvedRow {
  kind: 'technician' | 'area' | 'type';
  key: string | null;
  name: string | null;
  at: Date | null;
  type: TicketType | null;
  n: number;
  measured: number;
  business: Numeric;
  calendar: Numeric;
}

interface StepRow {
  account_id: string | null;
  name: string | null;
  at: Date;
  area: string | null;
  n: number;
}

function sums(row: SolvedRow): DurationSums {
  return { n: row.measured, business: Number(row.business ?? 0), calendar: Number(row.calendar ?? 0) };
}

const NO_DURATIONS: DurationSums = { n: 0, business: 0, calendar: 0 };

/** The three measures of each person and area side by side. */
function merge(
  solved: SolvedRow[],
  taken: StepRow[],
  logged: StepRow[],
  opened: Array<{ type: TicketType; n: number }>,
): ProductivityRows {
  const technicians = new Map<string, TechnicianRow>();
  const technician = (accountId: string, name: string | null, at: Date | null): TechnicianRow => {
    let row = technicians.get(accountId);
    if (!row) {
      row = {
        accountId,
        name: name ?? '',
        at: at ?? new Date(0),
        taken: 0,
        solved: 0,
        minutesLogged: 0,
        resolution: NO_DURATIONS,
      };
      technicians.set(accountId, row);
    } else if (name !== null && at !== null && at > row.at) {
      row.name = name;
      row.at = at;
    }
    return row;
  };
  const areas = new Map<string, AreaRow>();
  const area = (code: string): AreaRow => {
    let row = areas.get(code);
    if (!row) areas.set(code, (row = { area: code, resolved: 0, minutesLogged: 0, resolution: NO_DURATIONS }));
    return row;
  };
  const types = new Map<TicketType, TypeRow>();
  const type = (t: TicketType): TypeRow => {
    let row = types.get(t);
    if (!row) types.set(t, (row = { type: t, opened: 0, closed: 0, resolution: NO_DURATIONS }));
    return row;
  };
  for (const row of solved) {
    if (row.kind === 'technician' && row.key) {
      const t = technician(row.key, row.name, row.at);
      t.solved = row.n;
      t.resolution = sums(row);
    } else if (row.kind === 'area' && row.key) {
      const a = area(row.key);
      a.resolved = row.n;
      a.resolution = sums(row);
    } else if (row.kind === 'type' && row.type) {
      const t = type(row.type);
      t.closed = row.n;
      t.resolution = sums(row);
    }
  }
  for (const row of taken) {
    if (row.account_id) technician(row.account_id, row.name, row.at).taken = row.n;
  }
  for (const row of logged) {
    if (row.account_id) technician(row.account_id, row.name, row.at).minutesLogged += row.n;
    if (row.area) area(row.area).minutesLogged += row.n;
  }
  for (const row of opened) type(row.type).opened = row.n;
  return { technicians: [...technicians.values()], areas: [...areas.values()], types: [...types.values()] };
}
