import { PassThrough, Readable } from 'node:stream';
import { loadExcelJs } from './excel.js';
import {
  AREA_COLUMNS,
  KPI_COLUMNS,
  TECHNICIAN_COLUMNS,
  TYPE_COLUMNS,
  type KpiReportV1,
  type ProductivityReportV1,
  type ReportColumn,
} from '@cau/contracts';

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
export async function kpiXlsx(report: KpiReportV1): Promise<Readable> {
  const ExcelJS = await loadExcelJs();
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

/**
 * The productivity report as an XLSX workbook: sheets «Técnicos», «Áreas» and «Tipos», the same columns as
 * the spreadsheet of the scheduled report mails.
 */
export async function productivityXlsx(report: ProductivityReportV1): Promise<Readable> {
  const ExcelJS = await loadExcelJs();
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = <T>(name: string, columns: readonly ReportColumn<T>[], rows: readonly T[]) => {
    const worksheet = workbook.addWorksheet(name);
    worksheet.columns = columns.map((c) => ({ header: c.header, key: c.header }));
    for (const row of rows) worksheet.addRow(columns.map((c) => c.value(row))).commit();
    worksheet.commit();
  };
  sheet('Técnicos', TECHNICIAN_COLUMNS, report.technicians);
  sheet('Áreas', AREA_COLUMNS, report.areas);
  sheet('Tipos', TYPE_COLUMNS, report.types);
  workbook.commit().catch((error: unknown) => output.destroy(error as Error));
  return output;
}
