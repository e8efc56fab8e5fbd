import { Injectable } from '@nestjs/common';
import { sql, type ExpressionBuilder } from 'kysely';
import { ProcedureEvents, type ReportScopeV1, type TicketType } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { fetchRows } from '@cau/persistence';
import { reportingRows } from '../rows.js';

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
  /** Named with its schema: a rebuild writes a shadow schema through this same repository (see Reporting). */
  private readonly db: typeof reportingRows;

  constructor(private readonly runtime: ServiceRuntime) {
    this.db = reportingRows.withSchema(runtime.schema);
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
    const withClosed = this.db.with('closed', (db) =>
      db
        .selectFrom('ticket_facts as f')
        .select([
          'f.type',
          'f.closed_at',
          'f.resolution_business_minutes as business',
          'f.resolution_calendar_minutes as calendar',
          'f.solver_account_id as account_id',
          'f.solver_name as name',
          'f.solver_area as area',
        ])
        .where('f.closed_at', '>=', criteria.from)
        .where('f.closed_at', '<', criteria.to)
        .where('f.jurisdiction', '=', scope.value),
    );
    const none = sql<null>`NULL`;
    return fetchRows(
      this.runtime.dataSource,
      withClosed
        .selectFrom('closed as s')
        .select((eb) => [
          sql.lit<SolvedRow['kind']>('technician').as('kind'),
          'account_id as key',
          sql<string | null>`(${eb.fn.agg<string[]>('array_agg', ['name']).orderBy('closed_at', 'desc')})[1]`.as(
            'name',
          ),
          eb.fn.max<Date | null>('closed_at').as('at'),
          sql<TicketType | null>`NULL`.as('type'),
          ...closedSums(eb),
        ])
        .where('account_id', 'is not', null)
        .groupBy('account_id')
        .unionAll((eb) =>
          eb
            .selectFrom('closed as s')
            .select((eb) => [
              sql.lit<SolvedRow['kind']>('area').as('kind'),
              'area as key',
              none.as('name'),
              none.as('at'),
              none.as('type'),
              ...closedSums(eb),
            ])
            .where('area', 'is not', null)
            .groupBy('area'),
        )
        .unionAll((eb) =>
          eb
            .selectFrom('closed as s')
            .select((eb) => [
              sql.lit<SolvedRow['kind']>('type').as('kind'),
              none.as('key'),
              none.as('name'),
              none.as('at'),
              'type',
              ...closedSums(eb),
            ])
            .groupBy('type'),
        ),
    );
  }

  /**
   * The same figures from productivity_daily (the whole desk's, or an area's: its rows are keyed by the
   * solution's area): at most a few hundred rows per day instead of every fact closed in the period.
   */
  private async solvedDaily(criteria: ProductivityCriteria): Promise<SolvedRow[]> {
    const area = criteria.scope?.dimension === 'area' ? criteria.scope.value : null;
    const daily = this.db
      .selectFrom('productivity_daily')
      .select((eb) => {
        const closedType = eb('kind', '=', sql.lit('closed_type'));
        return [
          eb.case().when(closedType).then(sql.lit('type')).else(eb.ref('kind')).end().as('kind'),
          eb.case().when(closedType).then(null).else(eb.ref('key')).end().as('key'),
          sql<
            string | null
          >`(${eb.fn.agg<string[]>('array_agg', ['name']).orderBy('name_at', 'desc').filterWhere('name_at', 'is not', null)})[1]`.as(
            'name',
          ),
          eb.fn.max('name_at').as('at'),
          eb.case().when(closedType).then(eb.ref('key')).end().as('type'),
          eb.cast<number>(eb.fn.sum('n'), 'integer').as('n'),
          eb.cast<number>(eb.fn.sum('measured'), 'integer').as('measured'),
          eb.fn.sum<Numeric>('business').as('business'),
          eb.fn.sum<Numeric>('calendar').as('calendar'),
        ];
      })
      .where('kind', 'in', [sql.lit('technician'), sql.lit('area'), sql.lit('closed_type')])
      // Those kinds read as the solved rows' kinds, and a closed_type row's key is a ticket type.
      .$narrowType<{ kind: SolvedRow['kind']; type: TicketType | null }>()
      .where('day', '>=', localDay(criteria.fromDay))
      .where('day', '<', localDay(criteria.toDay));
    return fetchRows(
      this.runtime.dataSource,
      (area === null ? daily : daily.where('area', '=', area))
        .groupBy(['kind', 'key'])
        .having(sql<number>`sum(n)`, '<>', 0),
    );
  }

  /** Distinct tickets each person took or was assigned in the period (the assignee of `ticket.taken`). */
  private async taken(criteria: ProductivityCriteria): Promise<StepRow[]> {
    return fetchRows(
      this.runtime.dataSource,
      this.steps(criteria, ProcedureEvents.TicketTaken.type)
        .select((eb) => [
          sql<string | null>`t.details->'assignee'->>'accountId'`.as('account_id'),
          sql<
            string | null
          >`(${eb.fn.agg<string[]>('array_agg', [sql`t.details->'assignee'->>'name'`]).orderBy('t.at', 'desc')})[1]`.as(
            'name',
          ),
          eb.fn.max('t.at').as('at'),
          sql<string | null>`NULL`.as('area'),
          eb.cast<number>(eb.fn.count('t.ticket_id').distinct(), 'integer').as('n'),
        ])
        .groupBy(sql`1`),
    );
  }

  /** Minutes of the work logs each person recorded in the period, per area they recorded them in. */
  private async logged(criteria: ProductivityCriteria): Promise<StepRow[]> {
    return fetchRows(
      this.runtime.dataSource,
      this.steps(criteria, ProcedureEvents.WorkLogged.type)
        .select((eb) => [
          sql<string | null>`t.by->>'accountId'`.as('account_id'),
          sql<string | null>`(${eb.fn.agg<string[]>('array_agg', [sql`t.by->>'name'`]).orderBy('t.at', 'desc')})[1]`.as(
            'name',
          ),
          eb.fn.max('t.at').as('at'),
          't.area',
          eb.cast<number>(eb.fn.sum(sql<number>`(t.details->>'minutes')::int`), 'integer').as('n'),
        ])
        .groupBy([sql`1`, 't.area']),
    );
  }

  /**
   * Tickets registered in the period by type (an area's: those now in it, as the KPI report's area row),
   * from productivity_daily; a jurisdiction's from its facts.
   */
  private async opened(criteria: ProductivityCriteria): Promise<Array<{ type: TicketType; n: number }>> {
    const { scope } = criteria;
    if (scope?.dimension !== 'jurisdiction') {
      const daily = this.db
        .selectFrom('productivity_daily')
        .select((eb) => ['key as type', eb.cast<number>(eb.fn.sum('n'), 'integer').as('n')])
        .where('kind', '=', sql.lit('opened_type'))
        // An opened_type row's key is a ticket type.
        .$narrowType<{ type: TicketType }>()
        .where('day', '>=', localDay(criteria.fromDay))
        .where('day', '<', localDay(criteria.toDay));
      return fetchRows(
        this.runtime.dataSource,
        (scope ? daily.where('area', '=', scope.value) : daily).groupBy('key').having(sql<number>`sum(n)`, '<>', 0),
      );
    }
    return fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('ticket_facts')
        .select((eb) => ['type', eb.cast<number>(eb.fn.countAll(), 'integer').as('n')])
        .where('registered_at', '>=', criteria.from)
        .where('registered_at', '<', criteria.to)
        .where('jurisdiction', '=', scope.value)
        .groupBy('type'),
    );
  }

  /**
   * The path's steps of one type in the period. Steps of an area's report are those taken in the area; of
   * a jurisdiction's, those of its tickets.
   */
  private steps(criteria: ProductivityCriteria, type: string) {
    const { scope } = criteria;
    const steps = this.db
      .selectFrom('ticket_timeline as t')
      .where('t.type', '=', type)
      .where('t.at', '>=', criteria.from)
      .where('t.at', '<', criteria.to);
    if (scope?.dimension === 'area') return steps.where('t.area', '=', scope.value);
    return steps.$if(scope?.dimension === 'jurisdiction', (qb) =>
      qb.innerJoin('ticket_facts as f', 'f.ticket_id', 't.ticket_id').where('f.jurisdiction', '=', scope!.value),
    );
  }
}

/** How many facts closed, how many measured, and the sums of their minutes. */
function closedSums(eb: ExpressionBuilder<{ s: { business: number | null; calendar: number | null } }, 's'>) {
  return [
    eb.cast<number>(eb.fn.countAll(), 'integer').as('n'),
    eb.cast<number>(eb.fn.count('business'), 'integer').as('measured'),
    eb.fn.sum<Numeric>('business').as('business'),
    eb.fn.sum<Numeric>('calendar').as('calendar'),
  ] as const;
}

/** A local date (YYYY-MM-DD) compared with a date column, cast as the hand-written SQL cast it. */
function localDay(day: string) {
  return sql<Date>`${day}::date`;
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
