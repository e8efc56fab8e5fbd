import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import {
  MAX_SCHEDULED_SPREADSHEET_BASE64,
  ReportEvents,
  type KpiRowV1,
  type ProblemReportRowV1,
  type ReportScheduleV1,
  type ScheduledReportFiguresV1,
  type ScheduledReportSpreadsheetV1,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { ProblemsRepository } from '../problems/problems.repository.js';
import { RebuildRepository } from '../rebuild/rebuild.repository.js';
import { buildKpiRows } from '../reports/kpi-formulas.js';
import { ProductivityReportUseCase } from '../reports/productivity-report.use-case.js';
import { periodsBetween } from '../reports/report-period.js';
import { ReportingSettings } from '../reports/reporting-settings.js';
import { TicketFactsRepository } from '../reports/ticket-facts.repository.js';
import { ReportScheduleRepository } from './report-schedule.repository.js';
import { lastEndedPeriod } from './scheduled-period.js';
import { scheduledWorkbook, scheduledWorkbookName } from './scheduled-workbook.js';

/**
 * For each schedule whose latest ended period was not reported yet: claims the period, computes its
 * figures with the KPI report's code, and the period's spreadsheet (the KPI row, the productivity
 * report and the open problems as XLSX), and writes `report.scheduled-ready` to the outbox, all in one transaction
 * (notifications mails it, the spreadsheet attached, once per recipient). Only the latest ended period is reported: after a stop of several
 * days the days missed are not mailed one by one.
 */
@Injectable()
export class SendScheduledReportsUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly schedules: ReportScheduleRepository,
    private readonly facts: TicketFactsRepository,
    private readonly settings: ReportingSettings,
    private readonly rebuilds: RebuildRepository,
    private readonly productivity: ProductivityReportUseCase,
    private readonly problems: ProblemsRepository,
  ) {}

  /** Returns how many reports this call wrote. */
  async sendDue(now: Date): Promise<number> {
    let sent = 0;
    for (const schedule of await this.schedules.list()) {
      const period = lastEndedPeriod(now, schedule.granularity, this.settings.timeZone);
      if (schedule.lastPeriodSent !== null && schedule.lastPeriodSent >= period.start) continue;
      if (await this.send(schedule, period)) sent++;
    }
    return sent;
  }

  private send(schedule: ReportScheduleV1, period: { start: string; end: string }): Promise<boolean> {
    return this.runtime.transaction(async (tx) => {
      await this.rebuilds.holdOffSwap(tx);
      if (!(await this.schedules.claimRun(tx, schedule.id, period.start))) return false;
      const row = await this.kpiRow(schedule, period);
      const problems = await this.problems.openProblems({
        from: localStart(period.start, this.settings.timeZone),
        to: localStart(period.end, this.settings.timeZone),
        area: null,
      });
      const spreadsheet = await this.spreadsheet(schedule, period, row, problems.problems);
      const event = await this.runtime.outbox.append(tx, {
        definition: ReportEvents.ScheduledReportReady,
        ticketId: null,
        data: {
          scheduleId: schedule.id,
          granularity: schedule.granularity,
          periodStart: period.start,
          periodEnd: period.end,
          timeZone: this.settings.timeZone,
          language: schedule.language,
          recipients: schedule.recipients,
          figures: { ...figuresOf(row), openProblems: problems.openCount },
          ...(spreadsheet ? { spreadsheet } : {}),
        },
      });
      await this.schedules.recordRunEvent(tx, schedule.id, period.start, event.id);
      return true;
    });
  }

  /** The overall row of a KPI report over exactly this period. */
  private async kpiRow(schedule: ReportScheduleV1, period: { start: string; end: string }): Promise<KpiRowV1> {
    const zone = this.settings.timeZone;
    const periods = periodsBetween(
      DateTime.fromISO(period.start, { zone }),
      DateTime.fromISO(period.end, { zone }),
      schedule.granularity,
    );
    const aggregates = await this.facts.kpiAggregates({
      fromDay: period.start,
      toDay: period.end,
      granularity: schedule.granularity,
      dimension: null,
    });
    return buildKpiRows(periods, aggregates)[0]!;
  }

  /**
   * The period's workbook for the whole desk. A workbook too large for one message (thousands of
   * technicians) is left out rather than holding the report back: the mail still carries the figures.
   */
  private async spreadsheet(
    schedule: ReportScheduleV1,
    period: { start: string; end: string },
    row: KpiRowV1,
    problems: readonly ProblemReportRowV1[],
  ): Promise<ScheduledReportSpreadsheetV1 | null> {
    const productivity = await this.productivity.compute({ from: period.start, to: period.end }, null);
    const base64 = (await scheduledWorkbook(row, productivity, problems)).toString('base64');
    if (base64.length > MAX_SCHEDULED_SPREADSHEET_BASE64) {
      this.runtime.logger.warn(
        { scheduleId: schedule.id, period: period.start, bytes: base64.length },
        'scheduled report spreadsheet too large to attach; mailed without it',
      );
      return null;
    }
    return { fileName: scheduledWorkbookName(schedule.granularity, period.start), base64 };
  }
}

/** The instant a local date starts in the report's zone. */
function localStart(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).toJSDate();
}

/** The figures the mail's body shows, from the period's KPI row. */
function figuresOf(row: KpiRowV1): ScheduledReportFiguresV1 {
  return {
    opened: row.opened,
    closed: row.closed,
    openAtEnd: row.openAtEnd,
    overdue: row.overdue,
    callsHandled: row.callsHandled,
    firstResponseBusinessAverage: row.firstResponse.business.average,
    resolutionBusinessAverage: row.resolution.business.average,
    incidentsClosedAtL1Share: row.incidentsClosedAtL1Share,
    queriesAnsweredAtL1Share: row.queriesAnsweredAtL1Share,
    satisfechoShare: row.satisfaction.satisfechoShare,
    surveyResponseRate: row.satisfaction.responseRate,
    slaResponseCompliance: row.sla.response.compliance,
    slaResolutionCompliance: row.sla.resolution.compliance,
  };
}
