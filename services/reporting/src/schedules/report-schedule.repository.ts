import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ActorV1, Language, ReportGranularity, ReportScheduleV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchRows } from '@cau/persistence';
import { reportingRows } from '../rows.js';

@Injectable()
export class ReportScheduleRepository {
  /** Named with its schema: a rebuild writes a shadow schema through this same repository (see Reporting). */
  private readonly db: typeof reportingRows;

  constructor(private readonly runtime: ServiceRuntime) {
    this.db = reportingRows.withSchema(runtime.schema);
  }

  async list(): Promise<ReportScheduleV1[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('report_schedules as s')
        .select(['s.id', 's.granularity', 's.recipients', 's.language', 's.created_at'])
        .select((eb) =>
          eb
            .selectFrom('report_runs as r')
            .select((runs) =>
              runs.fn<string>('to_char', [runs.fn.max('r.period_start'), sql.lit('YYYY-MM-DD')]).as('last_period'),
            )
            .whereRef('r.schedule_id', '=', 's.id')
            .as('last_period'),
        )
        .orderBy('s.created_at')
        .orderBy('s.id'),
    );
    return rows.map((r) => ({
      id: r.id,
      granularity: r.granularity,
      recipients: r.recipients,
      language: r.language,
      createdAt: r.created_at.toISOString(),
      lastPeriodSent: r.last_period,
    }));
  }

  async create(
    tx: EntityManager,
    schedule: {
      id: string;
      granularity: ReportGranularity;
      recipients: string[];
      language: Language;
      createdBy: ActorV1;
    },
  ): Promise<void> {
    await execute(
      tx,
      this.db.insertInto('report_schedules').values({
        id: schedule.id,
        granularity: schedule.granularity,
        recipients: schedule.recipients,
        language: schedule.language,
        created_by: JSON.stringify(schedule.createdBy),
      }),
    );
  }

  async delete(tx: EntityManager, id: string): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      this.db
        .deleteFrom('report_schedules')
        .where('id', '=', id)
        .returning(sql<number>`1`.as('deleted')),
    );
    return rows.length > 0;
  }

  /**
   * Claims a schedule's period; false when it was reported already. A second instance claiming the same
   * period waits on the key until the first commits, then finds it taken.
   */
  async claimRun(tx: EntityManager, scheduleId: string, periodStart: string): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      this.db
        .insertInto('report_runs')
        .columns(['schedule_id', 'period_start'])
        .expression((eb) =>
          eb
            .selectFrom('report_schedules')
            .select(['id', localDay(periodStart).as('period_start')])
            .where('id', '=', scheduleId),
        )
        .onConflict((conflict) => conflict.doNothing())
        .returning(sql<number>`1`.as('claimed')),
    );
    return rows.length > 0;
  }

  async recordRunEvent(tx: EntityManager, scheduleId: string, periodStart: string, eventId: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('report_runs')
        .set({ event_id: eventId })
        .where('schedule_id', '=', scheduleId)
        .where('period_start', '=', localDay(periodStart)),
    );
  }
}

/** A local date (YYYY-MM-DD) as the date column holds it. */
function localDay(day: string) {
  return sql<Date>`${day}::date`;
}
