import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { FieldServiceEvents, ProcedureEvents, type ActorV1, type FieldStep, type ReportScopeV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { compiledOnce, execute, fetchRows } from '@cau/persistence';
import { reportingRows } from '../rows.js';
import type { FieldHistory, StepSpan } from './field-steps.js';

/** A field event as kept: its instant, and the visit or repair it is about. */
export interface FieldEventRow {
  eventId: string;
  ticketId: string;
  type: string;
  at: Date;
  subjectId: string | null;
  arrivedAt: Date | null;
  departedAt: Date | null;
}

export interface StepFigures {
  step: string;
  count: number;
  median: number | null;
  p90: number | null;
  overTarget: number;
  worst: Array<{ number: number; minutes: number }>;
}

export interface StepCriteria {
  from: Date;
  to: Date;
  scope: ReportScopeV1 | null;
  area: string | null;
  jurisdiction: string | null;
  worst: number;
}

export interface StoredTargets {
  targets: Map<string, number | null>;
  updatedAt: Date | null;
  updatedBy: { accountId: string; name: string } | null;
}

/** A field event as `history` reads it from jsonb (its instants as ISO text). */
interface FieldEventJson {
  type: string;
  at: string;
  subject_id: string | null;
  arrived_at: string | null;
  departed_at: string | null;
}

/** The field events, each ticket's measured steps and the targets (reporting's tables; see the migration). */
@Injectable()
export class StepTimesRepository {
  /** Named with its schema: a rebuild writes a shadow schema through this same repository (see Reporting). */
  private readonly db: typeof reportingRows;

  constructor(private readonly runtime: ServiceRuntime) {
    this.db = reportingRows.withSchema(runtime.schema);
  }

  async addFieldEvent(tx: EntityManager, row: FieldEventRow): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('field_events')
        .values({
          event_id: row.eventId,
          ticket_id: row.ticketId,
          type: row.type,
          at: row.at,
          subject_id: row.subjectId,
          arrived_at: row.arrivedAt,
          departed_at: row.departedAt,
        })
        .onConflict((conflict) => conflict.column('event_id').doNothing()),
    );
  }

  /**
   * These tickets' histories as the mapping reads them, in one statement: registration and closure from the
   * fact row (so a closure counts only while the ticket is closed), derivations and solutions from the path,
   * the field events, and whether the ticket has measured steps now; a ticket whose registration is not seen
   * yet has none.
   */
  async histories(
    tx: EntityManager,
    ticketIds: readonly string[],
  ): Promise<
    Array<{
      ticketId: string;
      history: FieldHistory;
      jurisdiction: string;
      calendarsVersion: number;
      measured: boolean;
    }>
  > {
    const rows = await fetchRows(tx, this.historiesStatement({ ticketIds: [...ticketIds] }));
    return rows.map((row) => {
      const of = (type: string) => row.field.filter((e) => e.type === type);
      const date = (iso: string) => new Date(iso);
      return {
        ticketId: row.ticket_id,
        measured: row.measured === true,
        jurisdiction: row.jurisdiction,
        calendarsVersion: Number(row.calendars_version ?? 0),
        history: {
          registeredAt: row.registered_at,
          closedAt: row.closed_at,
          escalations: row.escalations,
          solutionsProposed: row.solutions,
          visitsPlanned: of(FieldServiceEvents.VisitPlanned.type).map((e) => ({
            visitId: e.subject_id!,
            at: date(e.at),
          })),
          visitsRecorded: of(FieldServiceEvents.VisitRecorded.type)
            .filter((e) => e.arrived_at !== null && e.departed_at !== null)
            .map((e) => ({
              visitId: e.subject_id!,
              arrivedAt: date(e.arrived_at!),
              departedAt: date(e.departed_at!),
            })),
          repairsOut: of(FieldServiceEvents.RepairOut.type).map((e) => ({ repairId: e.subject_id!, at: date(e.at) })),
          repairsReturned: of(FieldServiceEvents.RepairReturned.type).map((e) => ({
            repairId: e.subject_id!,
            at: date(e.at),
          })),
          signOffs: of(FieldServiceEvents.SignedOff.type).map((e) => date(e.at)),
        },
      };
    });
  }

  /** Built once (`compiledOnce`): every batch of path events asks it. */
  private readonly historiesStatement = compiledOnce((v: { ticketIds: string[] }) =>
    this.db
      .selectFrom('ticket_facts as f')
      .select(['f.ticket_id', 'f.registered_at', 'f.closed_at', 'f.jurisdiction'])
      .select((eb) => {
        /** The instants of the ticket's path steps of one type, as a timestamptz array. */
        const instantsOf = (type: string) =>
          sql<Date[]>`ARRAY(${eb
            .selectFrom('ticket_timeline as t')
            .select('t.at')
            .whereRef('t.ticket_id', '=', 'f.ticket_id')
            .where('t.type', '=', type)})`;
        return [
          eb.selectFrom('business_calendars as c').select('c.version').as('calendars_version'),
          eb.exists(eb.selectFrom('ticket_step_times as m').whereRef('m.ticket_id', '=', 'f.ticket_id')).as('measured'),
          instantsOf(ProcedureEvents.TicketEscalated.type).as('escalations'),
          instantsOf(ProcedureEvents.SolutionProposed.type).as('solutions'),
          eb.fn
            .coalesce(
              eb
                .selectFrom('field_events as e')
                .select(
                  sql<FieldEventJson[]>`jsonb_agg(jsonb_build_object('type', e.type, 'at', e.at,
                    'subject_id', e.subject_id, 'arrived_at', e.arrived_at, 'departed_at', e.departed_at))`.as('agg'),
                )
                .whereRef('e.ticket_id', '=', 'f.ticket_id')
                .$asScalar(),
              sql<FieldEventJson[]>`'[]'::jsonb`,
            )
            .as('field'),
        ];
      })
      .where('f.ticket_id', '=', sql<string>`ANY(${v.ticketIds}::uuid[])`),
  );

  /** Replaces the measured steps of these tickets (those with none keep none). */
  async saveSteps(tx: EntityManager, spans: ReadonlyMap<string, readonly StepSpan[]>): Promise<void> {
    if (spans.size === 0) return;
    await execute(
      tx,
      this.db.deleteFrom('ticket_step_times').where('ticket_id', '=', sql<string>`ANY(${[...spans.keys()]}::uuid[])`),
    );
    const all = [...spans].flatMap(([ticketId, steps]) => steps.map((step) => ({ ticketId, ...step })));
    if (all.length === 0) return;
    const t = sql<{ ticket_id: string; step: string; started_at: Date; ended_at: Date; minutes: number }>`unnest(
      ${all.map((s) => s.ticketId)}::uuid[], ${all.map((s) => s.step)}::text[],
      ${all.map((s) => s.startedAt)}::timestamptz[], ${all.map((s) => s.endedAt)}::timestamptz[],
      ${all.map((s) => s.minutes)}::float8[])`.as<'t'>(sql`t (ticket_id, step, started_at, ended_at, minutes)`);
    await execute(
      tx,
      this.db
        .insertInto('ticket_step_times')
        .columns(['ticket_id', 'step', 'started_at', 'ended_at', 'minutes'])
        .expression((eb) =>
          eb.selectFrom(t).select(['t.ticket_id', 't.step', 't.started_at', 't.ended_at', 't.minutes']),
        ),
    );
  }

  /** The figures and the targets they were counted against, read in one snapshot. */
  report(criteria: StepCriteria): Promise<{ figures: StepFigures[]; targets: StoredTargets }> {
    return this.runtime.dataSource.transaction('REPEATABLE READ', async (tx) => ({
      figures: await this.figures(tx, criteria),
      targets: await this.targets(tx),
    }));
  }

  /** Changes the targets given, keeping the others; answers all of them as now stored. */
  replaceTargets(targets: Array<{ step: FieldStep; minutes: number | null }>, actor: ActorV1): Promise<StoredTargets> {
    return this.runtime.dataSource.transaction(async (tx) => {
      await this.saveTargets(tx, targets, actor);
      return this.targets(tx);
    });
  }

  /**
   * Per step, the tickets whose step ended in [from, to) within the scope and filters: count, exact
   * median and p90 (percentile_cont), how many over the target, the slowest tickets.
   */
  private async figures(tx: EntityManager, criteria: StepCriteria): Promise<StepFigures[]> {
    const { scope } = criteria;
    let measured = this.db
      .selectFrom('ticket_step_times as s')
      .innerJoin('ticket_facts as f', 'f.ticket_id', 's.ticket_id')
      .leftJoin('step_targets as t', 't.step', 's.step')
      .select(['s.step', 's.minutes', 'f.number', 't.minutes as target'])
      .select((eb) =>
        eb.fn
          .agg<string>('row_number')
          .over((window) => window.partitionBy('s.step').orderBy('s.minutes', 'desc').orderBy('f.number'))
          .as('rank'),
      )
      .where('s.ended_at', '>=', criteria.from)
      .where('s.ended_at', '<', criteria.to);
    if (scope?.dimension === 'area') measured = measured.where('f.area', '=', scope.value);
    if (scope?.dimension === 'jurisdiction') measured = measured.where('f.jurisdiction', '=', scope.value);
    if (criteria.area !== null) measured = measured.where('f.area', '=', criteria.area);
    if (criteria.jurisdiction !== null) measured = measured.where('f.jurisdiction', '=', criteria.jurisdiction);
    const rows = await fetchRows(
      tx,
      this.db
        .with('measured', () => measured)
        .selectFrom('measured')
        .select((eb) => [
          'step',
          eb.cast<number>(eb.fn.countAll(), 'integer').as('count'),
          eb.fn
            .agg<number | null>('percentile_cont', [sql.lit(0.5)])
            .withinGroupOrderBy('minutes')
            .as('median'),
          eb.fn
            .agg<number | null>('percentile_cont', [sql.lit(0.9)])
            .withinGroupOrderBy('minutes')
            .as('p90'),
          eb
            .cast<number>(
              eb.fn
                .countAll()
                .filterWhere((f) => f.and([f('target', 'is not', null), f('minutes', '>', f.ref('target'))])),
              'integer',
            )
            .as('over'),
          eb.fn
            .agg<Array<{ number: string | number; minutes: number }> | null>('jsonb_agg', [
              sql`jsonb_build_object('number', number, 'minutes', minutes)`,
            ])
            .orderBy('rank')
            .filterWhere('rank', '<=', String(criteria.worst))
            .as('worst'),
        ])
        .groupBy('step'),
    );
    return rows.map((r) => ({
      step: r.step,
      count: r.count,
      median: r.median,
      p90: r.p90,
      overTarget: r.over,
      worst: (r.worst ?? []).map((w) => ({ number: Number(w.number), minutes: w.minutes })),
    }));
  }

  async targets(tx: EntityManager = this.runtime.dataSource.manager): Promise<StoredTargets> {
    const rows = await fetchRows(
      tx,
      this.db.selectFrom('step_targets').select(['step', 'minutes', 'updated_at', 'updated_by']),
    );
    const latest = rows
      .filter((r) => r.updated_at !== null)
      .sort((a, b) => b.updated_at!.getTime() - a.updated_at!.getTime())[0];
    return {
      targets: new Map(rows.map((r) => [r.step, r.minutes])),
      updatedAt: latest?.updated_at ?? null,
      updatedBy: latest?.updated_by ?? null,
    };
  }

  private async saveTargets(
    tx: EntityManager,
    targets: Array<{ step: FieldStep; minutes: number | null }>,
    actor: ActorV1,
  ): Promise<void> {
    const t = sql<{ step: string; minutes: number | null }>`unnest(
      ${targets.map((target) => target.step)}::text[], ${targets.map((target) => target.minutes)}::int[])`.as<'t'>(
      sql`t (step, minutes)`,
    );
    const updatedBy = JSON.stringify({ accountId: actor.accountId, name: actor.name });
    await execute(
      tx,
      this.db
        .insertInto('step_targets')
        .columns(['step', 'minutes', 'updated_at', 'updated_by'])
        .expression((eb) =>
          eb
            .selectFrom(t)
            .select([
              't.step',
              't.minutes',
              eb.fn<Date>('now').as('updated_at'),
              sql<string>`${updatedBy}::jsonb`.as('updated_by'),
            ]),
        )
        .onConflict((conflict) =>
          conflict.column('step').doUpdateSet((eb) => ({
            minutes: eb.ref('excluded.minutes'),
            updated_at: eb.ref('excluded.updated_at'),
            updated_by: eb.ref('excluded.updated_by'),
          })),
        ),
    );
  }
}
