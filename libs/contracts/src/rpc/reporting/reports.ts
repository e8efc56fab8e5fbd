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
import { Language, Role, TICKET_TYPES, type TicketType } from '../../enums.js';
import { defineEvent } from '../../events/envelope.js';
import { Limits } from '../../limits.js';
import { TicketFiltersV1 } from './tickets.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';
import { PROBLEM_STATUSES, type ProblemStatus } from '../resolution/problems.js';

/**
 * Indicators of the service desk (docs/domain.md § Reports). Definitions of every
 * figure: docs/indicators.md.
 */
/**
 * Reporting's live read-model consumer on the events stream. Its inbox rows are keyed by it; the gateway's
 * live stream reads its acknowledged position to tell browsers of a change once the read side shows it.
 */
export const READ_MODELS_DURABLE = 'reporting';

/** How a share is documented. */
const SHARE = 'Proporción 0–1 con cuatro decimales; null si el denominador es 0';

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
export class MeanDurationV1 {
  @IsNumber()
  @Documented({ nullable: true, description: 'Promedio en minutos hábiles; null si no se midió nada' })
  business!: number | null;

  @IsNumber()
  @Documented({ nullable: true, description: 'Promedio en minutos corridos' })
  calendar!: number | null;
}

/** One technician's work in the period (docs/indicators.md "Productivity"). */
export class TechnicianFiguresV1 {
  @IsUUID()
  accountId!: string;

  /** The name the latest of their counted steps recorded. */
  @IsString()
  @Documented({ description: 'El nombre registrado en el último de sus pasos contados' })
  name!: string;

  /** Distinct tickets they took, or were assigned, in the period. */
  @IsInt()
  @Documented({ description: 'Tickets distintos que tomó o le asignaron en el período' })
  taken!: number;

  /** Tickets closed in the period whose approved solution they registered. */
  @IsInt()
  @Documented({ description: 'Tickets cerrados en el período cuya solución aprobada registró' })
  solved!: number;

  /** Minutes of the work logs they recorded in the period. */
  @IsInt()
  @Documented({ description: 'Minutos de los registros de trabajo que hizo en el período' })
  minutesLogged!: number;

  /** Mean of resolution's registration → approved solution over the tickets they solved. */
  @ValidateNested()
  @Type(() => MeanDurationV1)
  @Documented({ description: 'Resolución promedio (registro → solución aprobada) de sus resueltos' })
  resolution!: MeanDurationV1;
}

/** What one area resolved in the period: tickets closed whose approved solution the area registered. */
export class AreaResolutionFiguresV1 {
  @IsString()
  @Documented({ description: 'Código del área' })
  area!: string;

  @IsInt()
  @Documented({ description: 'Tickets cerrados en el período con la solución que registró el área' })
  resolved!: number;

  @ValidateNested()
  @Type(() => MeanDurationV1)
  resolution!: MeanDurationV1;

  /** Minutes of the work logs recorded in the area in the period. */
  @IsInt()
  @Documented({ description: 'Minutos de trabajo registrados en el área en el período' })
  minutesLogged!: number;
}

/** One ticket type's figures in the period. */
export class TicketTypeFiguresV1 {
  @IsIn(TICKET_TYPES)
  type!: TicketType;

  /** Tickets of the type registered in the period. */
  @IsInt()
  @Documented({ description: 'Registrados en el período' })
  opened!: number;

  /** Tickets of the type closed in the period (and still closed). */
  @IsInt()
  @Documented({ description: 'Cerrados en el período (y aún cerrados)' })
  closed!: number;

  @ValidateNested()
  @Type(() => MeanDurationV1)
  resolution!: MeanDurationV1;
}

export class ProductivityReportV1 {
  @IsString()
  @Documented({ format: 'date' })
  from!: string;

  @IsString()
  @Documented({ format: 'date' })
  to!: string;

  /** Null for the whole desk; an agent's area or a referente's jurisdiction otherwise. */
  @ValidateNested()
  @Type(() => ReportScopeV1)
  @Documented(REPORT_SCOPE_DOC)
  scope!: ReportScopeV1 | null;

  @IsString()
  timeZone!: string;

  /** Most tickets solved first, then most taken, then by name. */
  @ValidateNested({ each: true })
  @Type(() => TechnicianFiguresV1)
  @Documented({ description: 'Más resueltos primero, luego más tomados, luego por nombre' })
  technicians!: TechnicianFiguresV1[];

  /** Most resolved first, then by area code. */
  @ValidateNested({ each: true })
  @Type(() => AreaResolutionFiguresV1)
  @Documented({ description: 'Más resueltos primero, luego por código' })
  areas!: AreaResolutionFiguresV1[];

  /** Every ticket type, in the catalogue's order, with zeros when nothing happened. */
  @ValidateNested({ each: true })
  @Type(() => TicketTypeFiguresV1)
  @Documented({ description: 'Todos los tipos, en el orden del catálogo' })
  types!: TicketTypeFiguresV1[];
}

/** Average and distribution of a duration, in minutes; null when nothing was measured. */
export class DurationStatsV1 {
  @IsNumber()
  @Documented({ nullable: true, description: 'Promedio en minutos; null si no se midió nada' })
  average!: number | null;

  @IsNumber()
  @Documented({ nullable: true, description: 'Mediana en minutos' })
  p50!: number | null;

  @IsNumber()
  @Documented({ nullable: true, description: 'Percentil 90 en minutos' })
  p90!: number | null;
}

export class TimingV1 {
  /** Tickets measured. */
  @IsInt()
  @Documented({ description: 'Tickets medidos' })
  count!: number;

  @ValidateNested()
  @Type(() => DurationStatsV1)
  @Documented({ description: 'Minutos hábiles (lunes a viernes, 08:00–16:00)' })
  business!: DurationStatsV1;

  @ValidateNested()
  @Type(() => DurationStatsV1)
  @Documented({ description: 'Minutos corridos' })
  calendar!: DurationStatsV1;
}

export class SlaComplianceV1 {
  @IsInt()
  measured!: number;

  @IsInt()
  met!: number;

  /** met / measured, null when nothing was measured. */
  @IsNumber()
  @Documented({ nullable: true, description: 'met / measured; ' + SHARE })
  compliance!: number | null;
}

/** The satisfaction surveys of a KPI row's period. */
export class KpiSatisfactionV1 {
  @IsInt()
  @Documented({ description: 'Encuestas respondidas en el período' })
  answered!: number;

  @IsInt()
  satisfecho!: number;

  @IsInt()
  regular!: number;

  @IsInt()
  insatisfecho!: number;

  @IsNumber()
  @Documented({ nullable: true, description: SHARE })
  satisfechoShare!: number | null;

  @IsNumber()
  @Documented({ nullable: true, description: SHARE })
  regularShare!: number | null;

  @IsNumber()
  @Documented({ nullable: true, description: SHARE })
  insatisfechoShare!: number | null;

  /** Closed tickets of the period whose survey was answered, over closed tickets of the period. */
  @IsNumber()
  @Documented({
    nullable: true,
    description: 'Tickets cerrados en el período con la encuesta respondida, sobre los cerrados; ' + SHARE,
  })
  responseRate!: number | null;
}

/** How many tickets met their response and resolution targets in a KPI row's period. */
export class KpiSlaV1 {
  @ValidateNested()
  @Type(() => SlaComplianceV1)
  @Documented({ description: 'Respuesta: tickets tomados por primera vez en el período' })
  response!: SlaComplianceV1;

  @ValidateNested()
  @Type(() => SlaComplianceV1)
  @Documented({ description: 'Resolución: tickets cerrados en el período' })
  resolution!: SlaComplianceV1;
}

/** The indicators of one period (and one value of the dimension, when the report has one). Shares are 0–1. */
export class KpiRowV1 {
  /** First local day of the period. */
  @IsString()
  @Documented({ format: 'date', description: 'Primer día local del período' })
  period!: string;

  /** Day after the period's last (exclusive), clipped to the report's `to`. */
  @IsString()
  @Documented({ format: 'date', description: 'Día siguiente al último del período (excluido)' })
  periodEnd!: string;

  /** The dimension's value; null in reports without a dimension, or for tickets without one (not routed). */
  @IsString()
  @Documented({ nullable: true, description: 'Valor de la dimensión; null sin dimensión o para tickets sin ese dato' })
  dimensionValue!: string | null;

  @IsInt()
  @Documented({ description: 'Tickets registrados en el período' })
  opened!: number;

  @IsInt()
  @Documented({ description: 'Tickets cerrados en el período (y aún cerrados)' })
  closed!: number;

  @IsInt()
  @Documented({ description: 'Tickets abiertos al final del período' })
  openAtEnd!: number;

  @IsInt()
  @Documented({ description: 'Tickets que pasaron a «con atraso» en el período' })
  overdue!: number;

  @IsInt()
  @Documented({ description: 'Tickets registrados por teléfono en el período' })
  callsHandled!: number;

  @ValidateNested()
  @Type(() => TimingV1)
  @Documented({ description: 'Registro → primera toma, de los tomados en el período' })
  firstResponse!: TimingV1;

  @ValidateNested()
  @Type(() => TimingV1)
  @Documented({ description: 'Registro → solución aprobada, de los cerrados en el período' })
  resolution!: TimingV1;

  @IsInt()
  incidentsClosed!: number;

  @IsInt()
  @Documented({ description: 'Incidentes cerrados sin derivar' })
  incidentsClosedAtL1!: number;

  @IsNumber()
  @Documented({ nullable: true, description: SHARE })
  incidentsClosedAtL1Share!: number | null;

  @IsInt()
  queriesClosed!: number;

  @IsInt()
  @Documented({ description: 'Consultas cerradas sin derivar' })
  queriesAnsweredAtL1!: number;

  @IsNumber()
  @Documented({ nullable: true, description: SHARE })
  queriesAnsweredAtL1Share!: number | null;

  @ValidateNested()
  @Type(() => KpiSatisfactionV1)
  satisfaction!: KpiSatisfactionV1;

  @ValidateNested()
  @Type(() => KpiSlaV1)
  sla!: KpiSlaV1;
}

export class KpiReportV1 {
  @IsString()
  @Documented({ format: 'date' })
  from!: string;

  @IsString()
  @Documented({ format: 'date' })
  to!: string;

  @IsIn(KPI_GRANULARITIES)
  @Documented({ description: '`total`: el período entero en una fila' })
  granularity!: KpiGranularity;

  @IsIn(REPORT_DIMENSIONS)
  @Documented({ nullable: true })
  dimension!: ReportDimension | null;

  /** Null for the whole desk; an agent's area or a referente's jurisdiction otherwise. */
  @ValidateNested()
  @Type(() => ReportScopeV1)
  @Documented(REPORT_SCOPE_DOC)
  scope!: ReportScopeV1 | null;

  @IsString()
  @Documented({ example: 'America/Argentina/Buenos_Aires' })
  timeZone!: string;

  @ValidateNested({ each: true })
  @Type(() => KpiRowV1)
  @Documented({ description: 'Una fila por período (y valor de la dimensión)' })
  rows!: KpiRowV1[];
}

export class RecurringIncidentV1 {
  @IsInt()
  rank!: number;

  /** The category, requester e-mail or jurisdiction that repeats. */
  @IsString()
  @Documented({ description: 'La categoría, el e-mail del solicitante o la jurisdicción que se repite' })
  key!: string;

  @IsInt()
  incidents!: number;

  @IsString()
  @Documented({ format: 'date-time' })
  firstAt!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  lastAt!: string;

  /** Up to the 10 latest ticket numbers, newest first. */
  @IsInt({ each: true })
  @Documented({ description: 'Hasta los 10 números más recientes, del más nuevo al más viejo' })
  latestNumbers!: number[];
}

export class RecurringReportV1 {
  @IsString()
  @Documented({ format: 'date' })
  from!: string;

  @IsString()
  @Documented({ format: 'date' })
  to!: string;

  @IsIn(RECURRENCE_KEYS)
  by!: RecurrenceKey;

  @IsInt()
  minCount!: number;

  @ValidateNested()
  @Type(() => ReportScopeV1)
  @Documented(REPORT_SCOPE_DOC)
  scope!: ReportScopeV1 | null;

  @ValidateNested({ each: true })
  @Type(() => RecurringIncidentV1)
  items!: RecurringIncidentV1[];
}

/** An open problem record (docs/domain.md § Post-assistance evaluation) with the incidents linked to it. */
export class ProblemReportRowV1 {
  @IsUUID()
  id!: string;

  @IsInt()
  number!: number;

  @IsString()
  title!: string;

  @IsIn(PROBLEM_STATUSES)
  status!: ProblemStatus;

  @IsString()
  @Documented({ description: 'El área responsable del análisis' })
  area!: string;

  /** Incidents linked to the problem, whenever registered. */
  @IsInt()
  @Documented({ description: 'Incidentes vinculados, de cualquier fecha' })
  incidents!: number;

  /** Of those, the ones not closed yet. */
  @IsInt()
  @Documented({ description: 'De ellos, los que no están cerrados' })
  openIncidents!: number;

  /** Of those, the ones registered within the report's period. */
  @IsInt()
  @Documented({ description: 'De ellos, los registrados dentro del período' })
  incidentsInPeriod!: number;
}

export class ProblemsReportV1 {
  @IsString()
  @Documented({ format: 'date' })
  from!: string;

  @IsString()
  @Documented({ format: 'date' })
  to!: string;

  /** Null for the whole desk; an agent's area otherwise (its problems only). */
  @ValidateNested()
  @Type(() => ReportScopeV1)
  @Documented(REPORT_SCOPE_DOC)
  scope!: ReportScopeV1 | null;

  /** Open problems in the scope (the list stops at `PROBLEMS_REPORT_LIMIT`). */
  @IsInt()
  @Documented({ description: 'Problemas abiertos del alcance, aunque la lista se corte' })
  openCount!: number;

  /** Open problems, the most incidents in the period first. */
  @ValidateNested({ each: true })
  @Type(() => ProblemReportRowV1)
  @Documented({ description: 'Hasta 100 problemas abiertos, los de más incidentes en el período primero' })
  problems!: ProblemReportRowV1[];
}

/** Most problems one report lists; `openCount` still counts them all. */
export const PROBLEMS_REPORT_LIMIT = 100;

/** EDOMEX-CAU's yearly indicators (docs/domain.md § Reports). */
export class YearlyFiguresV1 {
  @IsInt()
  year!: number;

  /** Tickets registered in the year. */
  @IsInt()
  @Documented({ description: 'Tickets registrados en el año' })
  tickets!: number;

  /** Services rendered: tickets closed in the year. */
  @IsInt()
  @Documented({ description: 'Servicios realizados: tickets cerrados en el año' })
  services!: number;

  /** Distinct jurisdictions (administrative units) with a ticket registered in the year. */
  @IsInt()
  @Documented({ description: 'Jurisdicciones distintas con algún ticket registrado en el año' })
  jurisdictionsServed!: number;
}

export class YearlyReportV1 {
  @IsString()
  timeZone!: string;

  @ValidateNested()
  @Type(() => ReportScopeV1)
  @Documented(REPORT_SCOPE_DOC)
  scope!: ReportScopeV1 | null;

  @ValidateNested({ each: true })
  @Type(() => YearlyFiguresV1)
  years!: YearlyFiguresV1[];
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
export class ReadModelRebuildV1 {
  @IsUUID()
  id!: string;

  @IsIn(['running', 'done', 'failed'])
  state!: 'running' | 'done' | 'failed';

  /** The stream's last sequence when the replay started. */
  @IsInt()
  @Documented({ description: 'La última secuencia del flujo al empezar: el avance es `replayedSeq` de `targetSeq`' })
  targetSeq!: number;

  @IsInt()
  @Documented({ description: 'La secuencia del flujo alcanzada' })
  replayedSeq!: number;

  @IsInt()
  @Documented({ description: 'Eventos aplicados a los modelos nuevos' })
  eventsApplied!: number;

  @IsString()
  @Documented({ format: 'date-time' })
  startedAt!: string;

  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  finishedAt!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Por qué falló; null si no falló' })
  error!: string | null;
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

export class ReportScheduleV1 {
  @IsUUID()
  id!: string;

  @IsIn(REPORT_GRANULARITIES)
  granularity!: ReportGranularity;

  /** Lower case, without repeats. */
  @IsEmail({}, { each: true })
  @Documented({ description: 'En minúsculas, sin repetir' })
  recipients!: string[];

  @IsIn(LANGUAGES)
  language!: Language;

  @IsString()
  @Documented({ format: 'date-time' })
  createdAt!: string;

  /** First local day of the latest period mailed; null until the first. */
  @IsString()
  @Documented({
    nullable: true,
    description: 'Primer día del último período enviado; null hasta el primer envío',
    example: '2026-03-02',
  })
  lastPeriodSent!: string | null;
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
