import type { FieldProblem, HolidayImportRowV1 } from '@cau/contracts';

export interface ParsedHolidayCsv {
  rows: HolidayImportRowV1[];
  /** Lines that are not two fields (`csvLine` problems on the field `csv`); the rows are then not used. */
  problems: FieldProblem[];
}

const HEADER = /^(fecha|date|día|dia|day)$/i;

/**
 * Reads a holiday file: one `date,name` per line (RFC 4180 quoting, so a name may hold a comma as
 * `2026-05-25,"Revolución de Mayo, 1810"`), `;` accepted as the separator spreadsheets in Spanish use.
 * Blank lines and a first line of column titles (`fecha,nombre`) are skipped; line numbers are those of
 * the file, so an administrator finds the line that was refused. Dates and names are checked by
 * resolution, which owns the rules.
 */
export function parseHolidayCsv(text: string): ParsedHolidayCsv {
  const rows: HolidayImportRowV1[] = [];
  const problems: FieldProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let first = true;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const fields = splitLine(raw);
    if (fields === null) {
      problems.push({ field: 'csv', constraint: 'csvLine', params: [line, 'quote', null] });
      return;
    }
    const isHeader = first && HEADER.test(fields[0]!.trim());
    first = false;
    if (isHeader) return;
    if (fields.length !== 2) {
      problems.push({ field: 'csv', constraint: 'csvLine', params: [line, 'columns', null] });
      return;
    }
    rows.push({ line, date: fields[0]!.trim(), name: fields[1]!.trim() });
  });
  return { rows, problems };
}

/** The fields of one line, or null when a quote is not closed. */
function splitLine(line: string): string[] | null {
  const separator = !line.includes(',') && line.includes(';') ? ';' : ',';
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"' && current.trim() === '') {
      quoted = true;
      current = '';
    } else if (c === separator) {
      fields.push(current);
      current = '';
    } else current += c;
  }
  if (quoted) return null;
  fields.push(current);
  return fields;
}
