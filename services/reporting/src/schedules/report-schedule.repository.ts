import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorV1, Language, ReportGranularity, ReportScheduleV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

interface ScheduleRow {
  id: string;
  granularity: ReportGranularity;
  recipients: string[];
  language: Language;
  created_at: Date;
  last_period: string | null;
}

@Injectable()
export class ReportScheduleRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async list(): Promise<ReportScheduleV1[]> {
    const rows: ScheduleRow[] = await this.runtime.dataSource.query(
      `SELECT s.id, s.granularity, s.recipients, s.language, s.created_at,
              (SELECT to_char(max(r.period_start), 'YYYY-MM-DD') FROM "${this.s}".report_runs r
               WHERE r.schedule_id = s.id) AS last_period
       FROM "${this.s}".report_schedules s ORDER BY s.created_at, s.id`,
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
    await tx.query(
      `INSERT INTO "${this.s}".report_schedules (id, granularity, recipients, language, created_by)
       VALUES ($1, $2, $3, $4, $5)`,
      [schedule.id, schedule.granularity, schedule.recipients, schedule.language, JSON.stringify(schedule.createdBy)],
    );
  }

  async delete(tx: EntityManager, id: string): Promise<boolean> {
    // Wrapped in a SELECT: TypeORM answers a bare DELETE with [rows, count] instead of the rows.
    const [row]: Array<{ n: number }> = await tx.query(
      `WITH deleted AS (DELETE FROM "${this.s}".report_schedules WHERE id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM deleted`,
      [id],
    );
    return row!.n > 0;
  }

  /**
   * Claims a schedule's period; false when it was reported already. A second instance claiming the same
   * period waits on the key until the first commits, then finds it taken.
   */
  async claimRun(tx: EntityManager, scheduleId: string, periodStart: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".report_runs (schedule_id, period_start)
       SELECT id, $2::date FROM "${this.s}".report_schedules WHERE id = $1
       ON CONFLICT DO NOTHING RETURNING 1`,
      [scheduleId, periodStart],
    );
    return rows.length > 0;
  }

  async recordRunEvent(tx: EntityManager, scheduleId: string, periodStart: string, eventId: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".report_runs SET event_id = $3 WHERE schedule_id = $1 AND period_start = $2::date`,
      [scheduleId, periodStart, eventId],
    );
  }
}
