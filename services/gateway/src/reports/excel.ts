/**
 * exceljs, loaded by the first spreadsheet asked for: about a second of module loading that every start
 * of the gateway paid for, and restarts must be quick.
 */
export async function loadExcelJs() {
  return (await import('exceljs')).default;
}
