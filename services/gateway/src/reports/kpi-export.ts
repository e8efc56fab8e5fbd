import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { KpiReportV1, KpiRowV1 } from '@cau/contracts';

/** One column of the export: Spanish header (the desk's language) and how to read it from a row. */
interface Column {
  header: string;
  value: (row: KpiRowV1) => string | number | null;
}

/** The KPI report flattened to one line per period and dimension value; headers follow docs/indicators.md. */
export const KPI_COLUMNS: readonly Column[] = [
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

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The report as CSV, produced line by line as the reply is sent. */
export function kpiCsv(report: KpiReportV1): Readable {
  function* lines(): Generator<string> {
    yield `${KPI_COLUMNS.map((c) => c.header).join(',')}\r\n`;
    for (const row of report.rows) yield `${KPI_COLUMNS.map((c) => csvCell(c.value(row))).join(',')}\r\n`;
  }
  return Readable.from(lines());
}

/** The report as an XLSX workbook, written by exceljs's streaming writer into the reply. */
export function kpiXlsx(report: KpiReportV1): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Indicadores');
  sheet.columns = KPI_COLUMNS.map((c) => ({ header: c.header, key: c.header }));
  // Rows are committed one by one so the writer never holds the whole sheet.
  for (const row of report.rows) sheet.addRow(KPI_COLUMNS.map((c) => c.value(row))).commit();
  sheet.commit();
  workbook.commit().catch((error: unknown) => output.destroy(error as Error));
  return output;
}
