import { ApiProperty } from '@nestjs/swagger';
import {
  PROBLEM_STATUSES,
  RECURRENCE_KEYS,
  REPORT_DIMENSIONS,
  KPI_GRANULARITIES,
  TICKET_TYPES,
  type AreaResolutionFiguresV1,
  type DurationStatsV1,
  type KpiReportV1,
  type KpiRowV1,
  type MeanDurationV1,
  type ProblemReportRowV1,
  type ProblemsReportV1,
  type ProblemStatus,
  type ProductivityReportV1,
  type RecurrenceKey,
  type RecurringIncidentV1,
  type RecurringReportV1,
  type ReportDimension,
  type ReportScopeV1,
  type KpiGranularity,
  type SlaComplianceV1,
  type TechnicianFiguresV1,
  type TicketType,
  type TicketTypeFiguresV1,
  type TimingV1,
  type YearlyFiguresV1,
  type YearlyReportV1,
} from '@cau/contracts';

// The OpenAPI shape of the reports' answers (the portal's client is generated from it). Each class
// implements the contract's interface, so a field added there and not here does not compile.
// Definitions of every figure: docs/indicators.md.

const SHARE = 'Proporción 0–1 con cuatro decimales; null si el denominador es 0';

export class DurationStatsResponse implements DurationStatsV1 {
  @ApiProperty({ type: 'number', nullable: true, description: 'Promedio en minutos; null si no se midió nada' })
  average!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'Mediana en minutos' })
  p50!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'Percentil 90 en minutos' })
  p90!: number | null;
}

export class TimingResponse implements TimingV1 {
  @ApiProperty({ type: 'integer', description: 'Tickets medidos' })
  count!: number;

  @ApiProperty({ type: DurationStatsResponse, description: 'Minutos hábiles (lunes a viernes, 08:00–16:00)' })
  business!: DurationStatsResponse;

  @ApiProperty({ type: DurationStatsResponse, description: 'Minutos corridos' })
  calendar!: DurationStatsResponse;
}

export class SlaComplianceResponse implements SlaComplianceV1 {
  @ApiProperty({ type: 'integer' })
  measured!: number;

  @ApiProperty({ type: 'integer' })
  met!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'met / measured; ' + SHARE })
  compliance!: number | null;
}

export class SatisfactionResponse {
  @ApiProperty({ type: 'integer', description: 'Encuestas respondidas en el período' })
  answered!: number;

  @ApiProperty({ type: 'integer' })
  satisfecho!: number;

  @ApiProperty({ type: 'integer' })
  regular!: number;

  @ApiProperty({ type: 'integer' })
  insatisfecho!: number;

  @ApiProperty({ type: 'number', nullable: true, description: SHARE })
  satisfechoShare!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: SHARE })
  regularShare!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: SHARE })
  insatisfechoShare!: number | null;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Tickets cerrados en el período con la encuesta respondida, sobre los cerrados; ' + SHARE,
  })
  responseRate!: number | null;
}

export class SlaResponse {
  @ApiProperty({ type: SlaComplianceResponse, description: 'Respuesta: tickets tomados por primera vez en el período' })
  response!: SlaComplianceResponse;

  @ApiProperty({ type: SlaComplianceResponse, description: 'Resolución: tickets cerrados en el período' })
  resolution!: SlaComplianceResponse;
}

export class KpiRowResponse implements KpiRowV1 {
  @ApiProperty({ format: 'date', description: 'Primer día local del período' })
  period!: string;

  @ApiProperty({ format: 'date', description: 'Día siguiente al último del período (excluido)' })
  periodEnd!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Valor de la dimensión; null sin dimensión o para tickets sin ese dato',
  })
  dimensionValue!: string | null;

  @ApiProperty({ type: 'integer', description: 'Tickets registrados en el período' })
  opened!: number;

  @ApiProperty({ type: 'integer', description: 'Tickets cerrados en el período (y aún cerrados)' })
  closed!: number;

  @ApiProperty({ type: 'integer', description: 'Tickets abiertos al final del período' })
  openAtEnd!: number;

  @ApiProperty({ type: 'integer', description: 'Tickets que pasaron a «con atraso» en el período' })
  overdue!: number;

  @ApiProperty({ type: 'integer', description: 'Tickets registrados por teléfono en el período' })
  callsHandled!: number;

  @ApiProperty({ type: TimingResponse, description: 'Registro → primera toma, de los tomados en el período' })
  firstResponse!: TimingResponse;

  @ApiProperty({ type: TimingResponse, description: 'Registro → solución aprobada, de los cerrados en el período' })
  resolution!: TimingResponse;

  @ApiProperty({ type: 'integer' })
  incidentsClosed!: number;

  @ApiProperty({ type: 'integer', description: 'Incidentes cerrados sin derivar' })
  incidentsClosedAtL1!: number;

  @ApiProperty({ type: 'number', nullable: true, description: SHARE })
  incidentsClosedAtL1Share!: number | null;

  @ApiProperty({ type: 'integer' })
  queriesClosed!: number;

  @ApiProperty({ type: 'integer', description: 'Consultas cerradas sin derivar' })
  queriesAnsweredAtL1!: number;

  @ApiProperty({ type: 'number', nullable: true, description: SHARE })
  queriesAnsweredAtL1Share!: number | null;

  @ApiProperty({ type: SatisfactionResponse })
  satisfaction!: SatisfactionResponse;

  @ApiProperty({ type: SlaResponse })
  sla!: SlaResponse;
}

export class ReportScopeResponse implements ReportScopeV1 {
  @ApiProperty({ enum: ['area', 'jurisdiction'] })
  dimension!: 'area' | 'jurisdiction';

  @ApiProperty({ description: 'El área del agente o la jurisdicción del referente' })
  value!: string;
}

export const SCOPE = {
  type: ReportScopeResponse,
  nullable: true,
  description: 'null: toda la mesa; si no, el área (agentes) o la jurisdicción (referentes) que cubre',
} as const;

export class KpiReportResponse implements KpiReportV1 {
  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty({ enum: KPI_GRANULARITIES, description: '`total`: el período entero en una fila' })
  granularity!: KpiGranularity;

  @ApiProperty({ enum: REPORT_DIMENSIONS, nullable: true })
  dimension!: ReportDimension | null;

  @ApiProperty(SCOPE)
  scope!: ReportScopeResponse | null;

  @ApiProperty({ example: 'America/Argentina/Buenos_Aires' })
  timeZone!: string;

  @ApiProperty({ type: [KpiRowResponse], description: 'Una fila por período (y valor de la dimensión)' })
  rows!: KpiRowResponse[];
}

export class RecurringIncidentResponse implements RecurringIncidentV1 {
  @ApiProperty({ type: 'integer' })
  rank!: number;

  @ApiProperty({ description: 'La categoría, el e-mail del solicitante o la jurisdicción que se repite' })
  key!: string;

  @ApiProperty({ type: 'integer' })
  incidents!: number;

  @ApiProperty({ format: 'date-time' })
  firstAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastAt!: string;

  @ApiProperty({
    type: 'integer',
    isArray: true,
    description: 'Hasta los 10 números más recientes, del más nuevo al más viejo',
  })
  latestNumbers!: number[];
}

export class RecurringReportResponse implements RecurringReportV1 {
  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty({ enum: RECURRENCE_KEYS })
  by!: RecurrenceKey;

  @ApiProperty({ type: 'integer' })
  minCount!: number;

  @ApiProperty(SCOPE)
  scope!: ReportScopeResponse | null;

  @ApiProperty({ type: [RecurringIncidentResponse] })
  items!: RecurringIncidentResponse[];
}

export class ProblemReportRowResponse implements ProblemReportRowV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  number!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: PROBLEM_STATUSES })
  status!: ProblemStatus;

  @ApiProperty({ description: 'El área responsable del análisis' })
  area!: string;

  @ApiProperty({ type: 'integer', description: 'Incidentes vinculados, de cualquier fecha' })
  incidents!: number;

  @ApiProperty({ type: 'integer', description: 'De ellos, los que no están cerrados' })
  openIncidents!: number;

  @ApiProperty({ type: 'integer', description: 'De ellos, los registrados dentro del período' })
  incidentsInPeriod!: number;
}

export class ProblemsReportResponse implements ProblemsReportV1 {
  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty(SCOPE)
  scope!: ReportScopeResponse | null;

  @ApiProperty({ type: 'integer', description: 'Problemas abiertos del alcance, aunque la lista se corte' })
  openCount!: number;

  @ApiProperty({
    type: [ProblemReportRowResponse],
    description: 'Hasta 100 problemas abiertos, los de más incidentes en el período primero',
  })
  problems!: ProblemReportRowResponse[];
}

export class YearlyFiguresResponse implements YearlyFiguresV1 {
  @ApiProperty({ type: 'integer' })
  year!: number;

  @ApiProperty({ type: 'integer', description: 'Tickets registrados en el año' })
  tickets!: number;

  @ApiProperty({ type: 'integer', description: 'Servicios realizados: tickets cerrados en el año' })
  services!: number;

  @ApiProperty({ type: 'integer', description: 'Jurisdicciones distintas con algún ticket registrado en el año' })
  jurisdictionsServed!: number;
}

export class YearlyReportResponse implements YearlyReportV1 {
  @ApiProperty()
  timeZone!: string;

  @ApiProperty(SCOPE)
  scope!: ReportScopeResponse | null;

  @ApiProperty({ type: [YearlyFiguresResponse] })
  years!: YearlyFiguresResponse[];
}

export class MeanDurationResponse implements MeanDurationV1 {
  @ApiProperty({ type: 'number', nullable: true, description: 'Promedio en minutos hábiles; null si no se midió nada' })
  business!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'Promedio en minutos corridos' })
  calendar!: number | null;
}

export class TechnicianFiguresResponse implements TechnicianFiguresV1 {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ description: 'El nombre registrado en el último de sus pasos contados' })
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Tickets distintos que tomó o le asignaron en el período' })
  taken!: number;

  @ApiProperty({ type: 'integer', description: 'Tickets cerrados en el período cuya solución aprobada registró' })
  solved!: number;

  @ApiProperty({ type: 'integer', description: 'Minutos de los registros de trabajo que hizo en el período' })
  minutesLogged!: number;

  @ApiProperty({
    type: MeanDurationResponse,
    description: 'Resolución promedio (registro → solución aprobada) de sus resueltos',
  })
  resolution!: MeanDurationResponse;
}

export class AreaResolutionFiguresResponse implements AreaResolutionFiguresV1 {
  @ApiProperty({ description: 'Código del área' })
  area!: string;

  @ApiProperty({ type: 'integer', description: 'Tickets cerrados en el período con la solución que registró el área' })
  resolved!: number;

  @ApiProperty({ type: MeanDurationResponse })
  resolution!: MeanDurationResponse;

  @ApiProperty({ type: 'integer', description: 'Minutos de trabajo registrados en el área en el período' })
  minutesLogged!: number;
}

export class TicketTypeFiguresResponse implements TicketTypeFiguresV1 {
  @ApiProperty({ enum: TICKET_TYPES })
  type!: TicketType;

  @ApiProperty({ type: 'integer', description: 'Registrados en el período' })
  opened!: number;

  @ApiProperty({ type: 'integer', description: 'Cerrados en el período (y aún cerrados)' })
  closed!: number;

  @ApiProperty({ type: MeanDurationResponse })
  resolution!: MeanDurationResponse;
}

export class ProductivityReportResponse implements ProductivityReportV1 {
  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty(SCOPE)
  scope!: ReportScopeResponse | null;

  @ApiProperty()
  timeZone!: string;

  @ApiProperty({
    type: [TechnicianFiguresResponse],
    description: 'Más resueltos primero, luego más tomados, luego por nombre',
  })
  technicians!: TechnicianFiguresResponse[];

  @ApiProperty({ type: [AreaResolutionFiguresResponse], description: 'Más resueltos primero, luego por código' })
  areas!: AreaResolutionFiguresResponse[];

  @ApiProperty({ type: [TicketTypeFiguresResponse], description: 'Todos los tipos, en el orden del catálogo' })
  types!: TicketTypeFiguresResponse[];
}
