import type {
  AreaResolutionFiguresV1,
  KpiRowV1,
  ProblemReportRowV1,
  TechnicianFiguresV1,
  TicketTypeFiguresV1,
} from './rpc/reporting/reports.js';

/**
 * The columns of the report exports (CSV, XLSX, the spreadsheet of scheduled report mails), declared once
 * so the gateway's downloads and reporting's mailed workbook are the same. Headers are Spanish (the desk's
 * language) and follow docs/indicators.md.
 */
/** One column of the export: Spanish header (the desk's language) and how to read it from a row. */
export interface ReportColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
}

/** The KPI report flattened to one line per period and dimension value; headers follow docs/indicators.md. */
export const KPI_COLUMNS: readonly ReportColumn<KpiRowV1>[] = [
  { header: 'periodo_desde', value: (r) => r.period },
  { header: 'periodo_hasta', value: (r) => r.periodEnd },
  { header: 'dimension', value: (r) => r.dimensionValue },
  { header: 'abiertos', value: (r) => r.opened },
  { header: 'cerrados', value: (r) => r.closed },
  { header: 'abiertos_al_cierre', value: (r) => r.openAtEnd },
  { header: 'con_atraso', value: (r) => r.overdue },
  { header: 'llamadas', value: (r) => r.callsHandled },
  { header: 'primera_respuesta_n', value: (r) => r.firstResponse.count },
  { header: 'primera_respuesta_habil_prom_min', value: (r) => r.firstResponse.business.average },
  { header: 'primera_respuesta_habil_p50_min', value: (r) => r.firstResponse.business.p50 },
  { header: 'primera_respuesta_habil_p90_min', value: (r) => r.firstResponse.business.p90 },
  { header: 'primera_respuesta_calendario_prom_min', value: (r) => r.firstResponse.calendar.average },
  { header: 'primera_respuesta_calendario_p50_min', value: (r) => r.firstResponse.calendar.p50 },
  { header: 'primera_respuesta_calendario_p90_min', value: (r) => r.firstResponse.calendar.p90 },
  { header: 'resolucion_n', value: (r) => r.resolution.count },
  { header: 'resolucion_habil_prom_min', value: (r) => r.resolution.business.average },
  { header: 'resolucion_habil_p50_min', value: (r) => r.resolution.business.p50 },
  { header: 'resolucion_habil_p90_min', value: (r) => r.resolution.business.p90 },
  { header: 'resolucion_calendario_prom_min', value: (r) => r.resolution.calendar.average },
  { header: 'resolucion_calendario_p50_min', value: (r) => r.resolution.calendar.p50 },
  { header: 'resolucion_calendario_p90_min', value: (r) => r.resolution.calendar.p90 },
  { header: 'incidentes_cerrados', value: (r) => r.incidentsClosed },
  { header: 'incidentes_cerrados_n1', value: (r) => r.incidentsClosedAtL1 },
  { header: 'incidentes_cerrados_n1_porc', value: (r) => r.incidentsClosedAtL1Share },
  { header: 'consultas_cerradas', value: (r) => r.queriesClosed },
  { header: 'consultas_atendidas_n1', value: (r) => r.queriesAnsweredAtL1 },
  { header: 'consultas_atendidas_n1_porc', value: (r) => r.queriesAnsweredAtL1Share },
  { header: 'encuestas_respondidas', value: (r) => r.satisfaction.answered },
  { header: 'satisfecho_porc', value: (r) => r.satisfaction.satisfechoShare },
  { header: 'regular_porc', value: (r) => r.satisfaction.regularShare },
  { header: 'insatisfecho_porc', value: (r) => r.satisfaction.insatisfechoShare },
  { header: 'tasa_respuesta_encuesta', value: (r) => r.satisfaction.responseRate },
  { header: 'sla_respuesta_medidos', value: (r) => r.sla.response.measured },
  { header: 'sla_respuesta_cumplidos', value: (r) => r.sla.response.met },
  { header: 'sla_respuesta_cumplimiento', value: (r) => r.sla.response.compliance },
  { header: 'sla_resolucion_medidos', value: (r) => r.sla.resolution.measured },
  { header: 'sla_resolucion_cumplidos', value: (r) => r.sla.resolution.met },
  { header: 'sla_resolucion_cumplimiento', value: (r) => r.sla.resolution.compliance },
];

/** Productivity per technician (sheet «Técnicos»). */
export const TECHNICIAN_COLUMNS: readonly ReportColumn<TechnicianFiguresV1>[] = [
  { header: 'tecnico', value: (r) => r.name },
  { header: 'cuenta', value: (r) => r.accountId },
  { header: 'tomados', value: (r) => r.taken },
  { header: 'resueltos', value: (r) => r.solved },
  { header: 'minutos_registrados', value: (r) => r.minutesLogged },
  { header: 'resolucion_habil_prom_min', value: (r) => r.resolution.business },
  { header: 'resolucion_calendario_prom_min', value: (r) => r.resolution.calendar },
];

/** What each area resolved (sheet «Áreas»). */
export const AREA_COLUMNS: readonly ReportColumn<AreaResolutionFiguresV1>[] = [
  { header: 'area', value: (r) => r.area },
  { header: 'resueltos', value: (r) => r.resolved },
  { header: 'minutos_registrados', value: (r) => r.minutesLogged },
  { header: 'resolucion_habil_prom_min', value: (r) => r.resolution.business },
  { header: 'resolucion_calendario_prom_min', value: (r) => r.resolution.calendar },
];

/** The split by ticket type (sheet «Tipos»). */
export const TYPE_COLUMNS: readonly ReportColumn<TicketTypeFiguresV1>[] = [
  { header: 'tipo', value: (r) => r.type },
  { header: 'abiertos', value: (r) => r.opened },
  { header: 'cerrados', value: (r) => r.closed },
  { header: 'resolucion_habil_prom_min', value: (r) => r.resolution.business },
  { header: 'resolucion_calendario_prom_min', value: (r) => r.resolution.calendar },
];

/** The open problem records (docs/domain.md § Post-assistance evaluation) and their incidents. */
export const PROBLEM_COLUMNS: readonly ReportColumn<ProblemReportRowV1>[] = [
  { header: 'problema', value: (r) => r.number },
  { header: 'titulo', value: (r) => r.title },
  { header: 'estado', value: (r) => r.status },
  { header: 'area', value: (r) => r.area },
  { header: 'incidentes', value: (r) => r.incidents },
  { header: 'incidentes_sin_cerrar', value: (r) => r.openIncidents },
  { header: 'incidentes_en_periodo', value: (r) => r.incidentsInPeriod },
];
