import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase, ActorV1 } from '../../common.js';
import { Language, Role, type TicketType } from '../../enums.js';
import { defineEvent } from '../../events/envelope.js';
import { Limits } from '../../limits.js';
import { TicketFiltersV1 } from './tickets.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';
import type { ProblemStatus } from '../resolution/problems.js';

/**
 * Indicators of the service desk (docs/domain.md § Reports). Definitions of every
 * figure: docs/indicators.md.
 */
/**
 * Reporting's live read-model consumer on the events stream. Its inbox rows are keyed by it; the gateway's
 * live stream reads its acknowledged position to tell browsers of a change once the read side shows it.
 */
export const READ_MODELS_DURABLE = 'reporting';

/**
 * Who reads the desk's reports as a whole: supervisors, administrators and operators (the desk's work is
 * staff's business). The ticket exports stay theirs.
 */
export const DESK_REPORT_ROLES: readonly Role[] = [Role.Supervisor, Role.Admin, Role.Operator];

/**
 * Who may read the indicators: the desk as a whole, area agents their area's figures and referentes their
 * jurisdiction's (`ReportScopeV1`, decided by reporting from the actor).
 */
export const REPORT_ROLES: readonly Role[] = [...DESK_REPORT_ROLES, Role.Agent, Role.Referente];

/** The part of the desk's work a report covers when it is not the whole: one area's or one jurisdiction's tickets. */
export class ReportScopeV1 {
  @IsIn(['area', 'jurisdiction'])
  dimension!: 'area' | 'jurisdiction';

  @IsString()
  @Documented({ description: 'El área del agente o la jurisdicción del referente' })
  value!: string;
}

/** How a report documents its `scope`. */
export const REPORT_SCOPE_DOC = {
  nullable: true,
  description: 'null: toda la mesa; si no, el área (agentes) o la jurisdicción (referentes) que cubre',
} as const;

export const REPORT_GRANULARITIES = ['day', 'week', 'month'] as const;
export type ReportGranularity = (typeof REPORT_GRANULARITIES)[number];

/**
 * A KPI report's granularities: the calendar's, or `total`, the whole period as one row (a dashboard's
 * figures for any period, with percentiles over all of it rather than per day, week or month).
 */
export const KPI_GRANULARITIES = [...REPORT_GRANULARITIES, 'total'] as const;
export type KpiGranularity = (typeof KPI_GRANULARITIES)[number];

export const REPORT_DIMENSIONS = [
  'area',
  'jurisdiction',
  'channel',
  'priority',
  'category',
  'type',
  'service',
] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export const RECURRENCE_KEYS = ['category', 'requester', 'jurisdiction'] as const;
export type RecurrenceKey = (typeof RECURRENCE_KEYS)[number];

/** Local calendar dates of the deployment's time zone; the service checks that they exist. */
export const REPORT_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const ReportLimits = {
  /** Longest period of any report. */
  maxYears: 5,
  /** Longest period of a daily report: one row per day is unreadable beyond a year. */
  maxDailyDays: 366,
  recurringPageSize: 100,
  /** Rows of one KPI report (periods × dimension values): the answer must fit one NATS message (1 MiB). */
  kpiRows: 600,
  /**
   * Tickets per page of a streamed export: a summary is at most ~3.5 KB (200-character title and names in
   * 4-byte UTF-8), so 250 keep every answer under NATS's 1 MiB while each page stays a few milliseconds.
   */
  exportPageSize: 250,
} as const;

/** A period: `from` included, `to` excluded (a year is 2025-01-01 → 2026-01-01). */
export class ReportPeriodV1 {
  @Matches(REPORT_DATE_PATTERN)
  from!: string;

  @Matches(REPORT_DATE_PATTERN)
  to!: string;
}

/** Query string of `GET /api/v1/reports/kpis`. */
export class KpiReportParamsV1 extends ReportPeriodV1 {
  @IsIn(KPI_GRANULARITIES)
  granularity!: KpiGranularity;

  @IsOptional()
  @IsIn(REPORT_DIMENSIONS)
  dimension?: ReportDimension;
}

export class KpiReportQueryV1 extends KpiReportParamsV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

/** Query string of `GET /api/v1/reports/recurring`. */
export class RecurringReportParamsV1 extends ReportPeriodV1 {
  @IsIn(RECURRENCE_KEYS)
  by!: RecurrenceKey;

  /** Fewest incidents that make a repetition (2 unless given). */
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(1_000_000)
  minCount?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ReportLimits.recurringPageSize)
  limit?: number;
}

export class RecurringReportQueryV1 extends RecurringReportParamsV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

/** Query string of `GET /api/v1/reports/problems`: the period the incidents "in the period" are counted in. */
export class ProblemsReportParamsV1 extends ReportPeriodV1 {}

export class ProblemsReportQueryV1 extends ProblemsReportParamsV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

/** Query string of `GET /api/v1/reports/yearly`. */
export class YearlyReportParamsV1 {
  @IsInt()
  @Min(2000)
  @Max(2100)
  fromYear!: number;

  @IsInt()
  @Min(2000)
  @Max(2100)
  toYear!: number;
}

export class YearlyReportQueryV1 extends YearlyReportParamsV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

/** Query string of `GET /api/v1/reports/productivity`: the whole period as one set of figures. */
export class ProductivityReportParamsV1 extends ReportPeriodV1 {}

export class ProductivityReportQueryV1 extends ProductivityReportParamsV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

/** Mean durations in minutes (one decimal); null when nothing was measured. */
export interface MeanDurationV1 {
  business: number | null;
  calendar: number | null;
}

/** One technician's work in the period (docs/indicators.md "Productivity"). */
export interface TechnicianFiguresV1 {
  accountId: string;
  /** The name the latest of their counted steps recorded. */
  name: string;
  /** Distinct tickets they took, or were assigned, in the period. */
  taken: number;
  /** Tickets closed in the period whose approved solution they registered. */
  solved: number;
  /** Minutes of the work logs they recorded in the period. */
  minutesLogged: number;
  /** Mean of resolution's registration → approved solution over the tickets they solved. */
  resolution: MeanDurationV1;
}

/** What one area resolved in the period: tickets closed whose approved solution the area registered. */
export interface AreaResolutionFiguresV1 {
  area: string;
  resolved: number;
  resolution: MeanDurationV1;
  /** Minutes of the work logs recorded in the area in the period. */
  minutesLogged: number;
}

/** One ticket type's figures in the period. */
export interface TicketTypeFiguresV1 {
  type: TicketType;
  /** Tickets of the type registered in the period. */
  opened: number;
  /** Tickets of the type closed in the period (and still closed). */
  closed: number;
  resolution: MeanDurationV1;
}

export interface ProductivityReportV1 {
  from: string;
  to: string;
  /** Null for the whole desk; an agent's area or a referente's jurisdiction otherwise. */
  scope: ReportScopeV1 | null;
  timeZone: string;
  /** Most tickets solved first, then most taken, then by name. */
  technicians: TechnicianFiguresV1[];
  /** Most resolved first, then by area code. */
  areas: AreaResolutionFiguresV1[];
  /** Every ticket type, in the catalogue's order, with zeros when nothing happened. */
  types: TicketTypeFiguresV1[];
}

/** Average and distribution of a duration, in minutes; null when nothing was measured. */
export interface DurationStatsV1 {
  average: number | null;
  p50: number | null;
  p90: number | null;
}

export interface TimingV1 {
  /** Tickets measured. */
  count: number;
  business: DurationStatsV1;
  calendar: DurationStatsV1;
}

export interface SlaComplianceV1 {
  measured: number;
  met: number;
  /** met / measured, null when nothing was measured. */
  compliance: number | null;
}

/** The indicators of one period (and one value of the dimension, when the report has one). Shares are 0–1. */
export interface KpiRowV1 {
  /** First local day of the period. */
  period: string;
  /** Day after the period's last (exclusive), clipped to the report's `to`. */
  periodEnd: string;
  /** The dimension's value; null in reports without a dimension, or for tickets without one (not routed). */
  dimensionValue: string | null;
  opened: number;
  closed: number;
  openAtEnd: number;
  overdue: number;
  callsHandled: number;
  firstResponse: TimingV1;
  resolution: TimingV1;
  incidentsClosed: number;
  incidentsClosedAtL1: number;
  incidentsClosedAtL1Share: number | null;
  queriesClosed: number;
  queriesAnsweredAtL1: number;
  queriesAnsweredAtL1Share: number | null;
  satisfaction: {
    answered: number;
    satisfecho: number;
    regular: number;
    insatisfecho: number;
    satisfechoShare: number | null;
    regularShare: number | null;
    insatisfechoShare: number | null;
    /** Closed tickets of the period whose survey was answered, over closed tickets of the period. */
    responseRate: number | null;
  };
  sla: { response: SlaComplianceV1; resolution: SlaComplianceV1 };
}

export interface KpiReportV1 {
  from: string;
  to: string;
  granularity: KpiGranularity;
  dimension: ReportDimension | null;
  /** Null for the whole desk; an agent's area or a referente's jurisdiction otherwise. */
  scope: ReportScopeV1 | null;
  timeZone: string;
  rows: KpiRowV1[];
}

export interface RecurringIncidentV1 {
  rank: number;
  /** The category, requester e-mail or jurisdiction that repeats. */
  key: string;
  incidents: number;
  firstAt: string;
  lastAt: string;
  /** Up to the 10 latest ticket numbers, newest first. */
  latestNumbers: number[];
}

export interface RecurringReportV1 {
  from: string;
  to: string;
  by: RecurrenceKey;
  minCount: number;
  scope: ReportScopeV1 | null;
  items: RecurringIncidentV1[];
}

/** An open problem record (docs/domain.md § Post-assistance evaluation) with the incidents linked to it. */
export interface ProblemReportRowV1 {
  id: string;
  number: number;
  title: string;
  status: ProblemStatus;
  area: string;
  /** Incidents linked to the problem, whenever registered. */
  incidents: number;
  /** Of those, the ones not closed yet. */
  openIncidents: number;
  /** Of those, the ones registered within the report's period. */
  incidentsInPeriod: number;
}

export interface ProblemsReportV1 {
  from: string;
  to: string;
  /** Null for the whole desk; an agent's area otherwise (its problems only). */
  scope: ReportScopeV1 | null;
  /** Open problems in the scope (the list stops at `PROBLEMS_REPORT_LIMIT`). */
  openCount: number;
  /** Open problems, the most incidents in the period first. */
  problems: ProblemReportRowV1[];
}

/** Most problems one report lists; `openCount` still counts them all. */
export const PROBLEMS_REPORT_LIMIT = 100;

/** EDOMEX-CAU's yearly indicators (docs/domain.md § Reports). */
export interface YearlyFiguresV1 {
  year: number;
  /** Tickets registered in the year. */
  tickets: number;
  /** Services rendered: tickets closed in the year. */
  services: number;
  /** Distinct jurisdictions (administrative units) with a ticket registered in the year. */
  jurisdictionsServed: number;
}

export interface YearlyReportV1 {
  timeZone: string;
  scope: ReportScopeV1 | null;
  years: YearlyFiguresV1[];
}

/**
 * A page of a ticket export (`GET /api/v1/reports/tickets.csv|.xlsx`): the gateway asks for page after page,
 * newest first, passing the previous page's `nextBefore`, and writes each to the reply before asking for the
 * next, so no process holds more than one page.
 */
export class TicketExportPageQueryV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TicketFiltersV1)
  filters!: TicketFiltersV1;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  before?: number;
}

/** Asks for a rebuild of reporting's read models from the event stream. */
export class ReadModelRebuildStartV1 extends ActorEnvelopeBase {}

/** Path parameter of `GET /api/v1/reports/rebuild/{id}`. */
export class ReadModelRebuildIdV1 {
  @IsUUID()
  id!: string;
}

export class ReadModelRebuildStatusQueryV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;
}

/**
 * A rebuild of the read models: the events of the stream replayed into a shadow schema, which then
 * replaces the live one; progress is `replayedSeq` of `targetSeq` (stream sequences).
 */
export interface ReadModelRebuildV1 {
  id: string;
  state: 'running' | 'done' | 'failed';
  /** The stream's last sequence when the replay started. */
  targetSeq: number;
  replayedSeq: number;
  eventsApplied: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** Most addresses one scheduled report goes to; more is a mailing list's job. */
export const MAX_SCHEDULE_RECIPIENTS = 20;
const LANGUAGES = Object.values(Language);

/**
 * A scheduled report as an administrator asks for it: the summary of each day, week (Monday to Sunday) or
 * month that ends, mailed to the recipients in the language given (Spanish unless said otherwise).
 */
export class ReportScheduleInputV1 {
  @IsIn(REPORT_GRANULARITIES)
  granularity!: ReportGranularity;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCHEDULE_RECIPIENTS)
  @IsEmail({}, { each: true })
  @MaxLength(Limits.email, { each: true })
  recipients!: string[];

  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class ReportScheduleListQueryV1 extends ActorEnvelopeBase {}

export class CreateReportScheduleV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ReportScheduleInputV1)
  schedule!: ReportScheduleInputV1;
}

/** Path parameter of `DELETE /api/v1/reports/schedules/{id}`. */
export class ReportScheduleIdV1 {
  @IsUUID()
  id!: string;
}

export class DeleteReportScheduleV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;
}

export interface ReportScheduleV1 {
  id: string;
  granularity: ReportGranularity;
  /** Lower case, without repeats. */
  recipients: string[];
  language: Language;
  createdAt: string;
  /** First local day of the latest period mailed; null until the first. */
  lastPeriodSent: string | null;
}

/** The figures of a scheduled report: the KPI report's overall row of the period (docs/indicators.md). */
export class ScheduledReportFiguresV1 {
  @IsInt()
  @Min(0)
  opened!: number;

  @IsInt()
  @Min(0)
  closed!: number;

  @IsInt()
  openAtEnd!: number;

  @IsInt()
  @Min(0)
  overdue!: number;

  @IsInt()
  @Min(0)
  callsHandled!: number;

  /** Averages in business minutes; null when nothing was measured (as every share below). */
  @IsOptional()
  @IsNumber()
  firstResponseBusinessAverage!: number | null;

  @IsOptional()
  @IsNumber()
  resolutionBusinessAverage!: number | null;

  @IsOptional()
  @IsNumber()
  incidentsClosedAtL1Share!: number | null;

  @IsOptional()
  @IsNumber()
  queriesAnsweredAtL1Share!: number | null;

  @IsOptional()
  @IsNumber()
  satisfechoShare!: number | null;

  @IsOptional()
  @IsNumber()
  surveyResponseRate!: number | null;

  @IsOptional()
  @IsNumber()
  slaResponseCompliance!: number | null;

  @IsOptional()
  @IsNumber()
  slaResolutionCompliance!: number | null;

  /** Problem records not closed when the report was made (absent from reports made before problems were counted). */
  @IsOptional()
  @IsInt()
  @Min(0)
  openProblems?: number;
}

/** Largest spreadsheet a scheduled report carries (base64 characters): well inside one NATS message. */
export const MAX_SCHEDULED_SPREADSHEET_BASE64 = 512 * 1024;

/** The period's figures as an XLSX workbook, attached to each mail of a scheduled report. */
export class ScheduledReportSpreadsheetV1 {
  @IsString()
  @Matches(/^[\w.-]+\.xlsx$/)
  @MaxLength(200)
  fileName!: string;

  @IsString()
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/)
  @MaxLength(MAX_SCHEDULED_SPREADSHEET_BASE64)
  base64!: string;
}

/** Reporting computed a scheduled report; notifications mails it to each recipient once. */
export class ScheduledReportReadyV1 {
  @IsUUID()
  scheduleId!: string;

  @IsIn(REPORT_GRANULARITIES)
  granularity!: ReportGranularity;

  /** First local day of the period. */
  @Matches(REPORT_DATE_PATTERN)
  periodStart!: string;

  /** Day after the period's last (exclusive). */
  @Matches(REPORT_DATE_PATTERN)
  periodEnd!: string;

  @IsString()
  @MaxLength(100)
  timeZone!: string;

  @IsIn(LANGUAGES)
  language!: Language;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCHEDULE_RECIPIENTS)
  @IsEmail({}, { each: true })
  recipients!: string[];

  @IsObject()
  @ValidateNested()
  @Type(() => ScheduledReportFiguresV1)
  @IsDefined()
  figures!: ScheduledReportFiguresV1;

  /**
   * The workbook of the period (sheets Indicadores, Técnicos, Áreas, Tipos), attached to every mail.
   * Optional: events written before it existed lack it (notifications must be deployed first).
   */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduledReportSpreadsheetV1)
  spreadsheet?: ScheduledReportSpreadsheetV1;
}

/** Events of reporting. NEVER rename a type in place (see subjects.ts). */
export const ReportEvents = {
  ScheduledReportReady: defineEvent('report.scheduled-ready', 1, ScheduledReportReadyV1),
} as const;
