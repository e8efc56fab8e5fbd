import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldServiceEvents, ProcedureEvents, type ActorV1, type FieldStep, type ReportScopeV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
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

interface SourceRow {
  registered_at: Date;
  closed_at: Date | null;
  jurisdiction: string;
  calendars_version: string | null;
  escalations: Date[];
  solutions: Date[];
  field: Array<{
    type: string;
    at: string;
    subject_id: string | null;
    arrived_at: string | null;
    departed_at: string | null;
  }>;
}

/** The field events, each ticket's measured steps and the targets (reporting's tables; see the migration). */
@Injectable()
export class StepTimesRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async addFieldEvent(tx: EntityManager, row: FieldEventRow): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".field_events (event_id, ticket_id, type, at, subject_id, arrived_at, departed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
      [row.eventId, row.ticketId, row.type, row.at, row.subjectId, row.arrivedAt, row.departedAt],
    );
  }

  /**
   * The ticket's history as the mapping reads it, in one statement: registration and closure from the fact
   * row (so a closure counts only while the ticket is closed), derivations and solutions from the path,
   * the field events; null while the registration is not seen.
   */
  async history(
    tx: EntityManager,
    ticketId: string,
  ): Promise<{ history: FieldHistory; jurisdiction: string; calendarsVersion: number } | null> {
    const [row]: SourceRow[] = await tx.query(
      `SELECT f.registered_at, f.closed_at, f.jurisdiction,
              (SELECT c.version FROM "${this.s}".business_calendars c) AS calendars_version,
              ARRAY(SELECT t.at FROM "${this.s}".ticket_timeline t
                     WHERE t.ticket_id = f.ticket_id AND t.type = $2) AS escalations,
              ARRAY(SELECT t.at FROM "${this.s}".ticket_timeline t
                     WHERE t.ticket_id = f.ticket_id AND t.type = $3) AS solutions,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('type', e.type, 'at', e.at, 'subject_id', e.subject_id,
                                        'arrived_at', e.arrived_at, 'departed_at', e.departed_at))
                          FROM "${this.s}".field_events e WHERE e.ticket_id = f.ticket_id), '[]'::jsonb) AS field
         FROM "${this.s}".ticket_facts f WHERE f.ticket_id = $1`,
      [ticketId, ProcedureEvents.TicketEscalated.type, ProcedureEvents.SolutionProposed.type],
    );
    if (!row) return null;
    const of = (type: string) => row.field.filter((e) => e.type === type);
    const date = (iso: string) => new Date(iso);
    return {
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
          .map((e) => ({ visitId: e.subject_id!, arrivedAt: date(e.arrived_at!), departedAt: date(e.departed_at!) })),
        repairsOut: of(FieldServiceEvents.RepairOut.type).map((e) => ({ repairId: e.subject_id!, at: date(e.at) })),
        repairsReturned: of(FieldServiceEvents.RepairReturned.type).map((e) => ({
          repairId: e.subject_id!,
          at: date(e.at),
        })),
        signOffs: of(FieldServiceEvents.SignedOff.type).map((e) => date(e.at)),
      },
    };
  }

  /** Replaces the ticket's measured steps. */
  async saveSteps(tx: EntityManager, ticketId: string, spans: StepSpan[]): Promise<void> {
    await tx.query(`DELETE FROM "${this.s}".ticket_step_times WHERE ticket_id = $1`, [ticketId]);
    if (spans.length === 0) return;
    await tx.query(
      `INSERT INTO "${this.s}".ticket_step_times (ticket_id, step, started_at, ended_at, minutes)
       SELECT $1, * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::float8[])`,
      [
        ticketId,
        spans.map((s) => s.step),
        spans.map((s) => s.startedAt),
        spans.map((s) => s.endedAt),
        spans.map((s) => s.minutes),
      ],
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
    const rows: Array<{
      step: string;
      count: number;
      median: number | null;
      p90: number | null;
      over: number;
      worst: Array<{ number: string | number; minutes: number }> | null;
    }> = await tx.query(
      `WITH measured AS (
         SELECT s.step, s.minutes, f.number, t.minutes AS target,
                row_number() OVER (PARTITION BY s.step ORDER BY s.minutes DESC, f.number) AS rank
           FROM "${this.s}".ticket_step_times s
           JOIN "${this.s}".ticket_facts f ON f.ticket_id = s.ticket_id
           LEFT JOIN "${this.s}".step_targets t ON t.step = s.step
          WHERE s.ended_at >= $1 AND s.ended_at < $2
            AND ($3::text IS NULL OR f.area = $3) AND ($4::text IS NULL OR f.jurisdiction = $4)
            AND ($5::text IS NULL OR f.area = $5) AND ($6::text IS NULL OR f.jurisdiction = $6)
       )
       SELECT step, count(*)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) AS p90,
              count(*) FILTER (WHERE target IS NOT NULL AND minutes > target)::int AS over,
              jsonb_agg(jsonb_build_object('number', number, 'minutes', minutes) ORDER BY rank)
                FILTER (WHERE rank <= $7) AS worst
         FROM measured GROUP BY step`,
      [
        criteria.from,
        criteria.to,
        criteria.scope?.dimension === 'area' ? criteria.scope.value : null,
        criteria.scope?.dimension === 'jurisdiction' ? criteria.scope.value : null,
        criteria.area,
        criteria.jurisdiction,
        criteria.worst,
      ],
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
    const rows: Array<{
      step: string;
      minutes: number | null;
      updated_at: Date | null;
      updated_by: { accountId: string; name: string } | null;
    }> = await tx.query(`SELECT step, minutes, updated_at, updated_by FROM "${this.s}".step_targets`);
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
    await tx.query(
      `INSERT INTO "${this.s}".step_targets (step, minutes, updated_at, updated_by)
       SELECT step, minutes, now(), $3::jsonb FROM unnest($1::text[], $2::int[]) AS t(step, minutes)
       ON CONFLICT (step) DO UPDATE
         SET minutes = EXCLUDED.minutes, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [
        targets.map((t) => t.step),
        targets.map((t) => t.minutes),
        JSON.stringify({ accountId: actor.accountId, name: actor.name }),
      ],
    );
  }
}
