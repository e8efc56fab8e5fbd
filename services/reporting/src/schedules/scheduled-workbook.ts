import {
  AREA_COLUMNS,
  KPI_COLUMNS,
  PROBLEM_COLUMNS,
  TECHNICIAN_COLUMNS,
  TYPE_COLUMNS,
  type KpiRowV1,
  type ProblemReportRowV1,
  type ProductivityReportV1,
  type ReportColumn,
} from '@cau/contracts';

/**
 * The spreadsheet of a scheduled report: the period's KPI row (sheet «Indicadores», the columns of
 * `GET /api/v1/reports/kpis.xlsx`), its productivity (sheets «Técnicos», «Áreas», «Tipos», the columns
 * of `productivity.xlsx`) and the open problems with their incidents (sheet «Problemas»). Small (one
 * period), so built in memory.
 */
export async function scheduledWorkbook(
  kpi: KpiRowV1,
  productivity: ProductivityReportV1,
  problems: readonly ProblemReportRowV1[],
): Promise<Buffer> {
  // Loaded by the first scheduled report, not at every start of the service.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = <T>(name: string, columns: readonly ReportColumn<T>[], rows: readonly T[]) => {
    const worksheet = workbook.addWorksheet(name);
    worksheet.columns = columns.map((c) => ({ header: c.header, key: c.header }));
    for (const row of rows) worksheet.addRow(columns.map((c) => c.value(row)));
  };
  sheet('Indicadores', KPI_COLUMNS, [kpi]);
  sheet('Técnicos', TECHNICIAN_COLUMNS, productivity.technicians);
  sheet('Áreas', AREA_COLUMNS, productivity.areas);
  sheet('Tipos', TYPE_COLUMNS, productivity.types);
  sheet('Problemas', PROBLEM_COLUMNS, problems);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** indicadores-mensual-2025-03-01.xlsx and the like. */
export function scheduledWorkbookName(granularity: 'day' | 'week' | 'month', periodStart: string): string {
  const word = { day: 'diario', week: 'semanal', month: 'mensual' }[granularity];
  return `indicadores-${word}-${periodStart}.xlsx`;
}
