import { defineCommand, defineQuery, replyOf } from '../define.js';
import {
  CreateReportScheduleV1,
  DeleteReportScheduleV1,
  KpiReportQueryV1,
  KpiReportV1,
  ProblemsReportQueryV1,
  ProblemsReportV1,
  ProductivityReportQueryV1,
  ProductivityReportV1,
  ReadModelRebuildStartV1,
  ReadModelRebuildStatusQueryV1,
  ReadModelRebuildV1,
  RecurringReportQueryV1,
  RecurringReportV1,
  ReportScheduleListQueryV1,
  ReportScheduleV1,
  TicketExportPageQueryV1,
  YearlyReportQueryV1,
  YearlyReportV1,
} from './reports.js';
import {
  ReplaceStepTargetsV1,
  StepTargetsQueryV1,
  StepTargetsV1,
  StepTimesQueryV1,
  StepTimesReportV1,
} from './step-times.js';
import { TicketByNumberQueryV1, TicketListQueryV1, TicketPageV1, TicketViewV1 } from './tickets.js';

export * from './reports.js';
export * from './step-times.js';
export * from './tickets.js';

/** Everything reporting answers over request/reply. */
export const ReportingRpc = {
  TicketByNumber: defineQuery('reporting.ticket.get.v1', TicketByNumberQueryV1, TicketViewV1),
  TicketList: defineQuery('reporting.ticket.list.v1', TicketListQueryV1, TicketPageV1),
  /** One page of a streamed ticket export (at most `ReportLimits.exportPageSize` tickets). */
  TicketExportPage: defineQuery('reporting.ticket.export-page.v1', TicketExportPageQueryV1, TicketPageV1),

  /* Indicators of the service desk (docs/domain.md § Reports; every figure: docs/indicators.md). */
  Kpis: defineQuery('reporting.kpis.v1', KpiReportQueryV1, KpiReportV1),
  Recurring: defineQuery('reporting.recurring.v1', RecurringReportQueryV1, RecurringReportV1),
  /** The open problem records and their incidents (staff only, as problems are). */
  Problems: defineQuery('reporting.problems.v1', ProblemsReportQueryV1, ProblemsReportV1),
  Yearly: defineQuery('reporting.yearly.v1', YearlyReportQueryV1, YearlyReportV1),
  /** Per technician, per area that resolved, per ticket type. */
  Productivity: defineQuery('reporting.productivity.v1', ProductivityReportQueryV1, ProductivityReportV1),

  /* Times per step of the field procedure (docs/domain.md § Field service). */
  /** Per step, over a period: count, median, p90, target, over target, the worst tickets. */
  StepTimes: defineQuery('reporting.step-times.v1', StepTimesQueryV1, StepTimesReportV1),
  /** The targets in force. */
  StepTargets: defineQuery('reporting.step-targets.get.v1', StepTargetsQueryV1, StepTargetsV1),
  /** Replaces the targets (administrators); answers the targets now in force. */
  ReplaceStepTargets: defineCommand('reporting.step-targets.replace.v1', ReplaceStepTargetsV1, StepTargetsV1),

  /** Starts a rebuild of the read models (administrators); answers at once. */
  StartRebuild: defineCommand('reporting.rebuild.start.v1', ReadModelRebuildStartV1, ReadModelRebuildV1),
  /** A rebuild's progress by id. */
  RebuildStatus: defineQuery('reporting.rebuild.status.v1', ReadModelRebuildStatusQueryV1, ReadModelRebuildV1),

  /* Scheduled reports (administrators). */
  ListSchedules: defineQuery('reporting.schedules.list.v1', ReportScheduleListQueryV1, replyOf<ReportScheduleV1[]>()),
  CreateSchedule: defineCommand('reporting.schedules.create.v1', CreateReportScheduleV1, ReportScheduleV1),
  DeleteSchedule: defineCommand('reporting.schedules.delete.v1', DeleteReportScheduleV1, replyOf<{ deleted: true }>()),
};
