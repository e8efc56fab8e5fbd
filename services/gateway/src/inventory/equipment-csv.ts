import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { EQUIPMENT_CSV_COLUMNS, InventoryLimits, type EquipmentV1, type FieldProblem } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';

/** The multipart part that carries the file. */
export const IMPORT_FILE_FIELD = 'file';

export interface CsvChunk {
  header: string[];
  rows: Array<[number, string[]]>;
}

function malformed(line: number, reason: string): ServiceError {
  const problem: FieldProblem = { field: IMPORT_FILE_FIELD, constraint: 'csvMalformed', params: [line, reason] };
  return ServiceError.validation([problem]);
}

/**
 * Reads a CSV (UTF-8, comma-separated, first line the column names) into chunks of rows, one chunk at a
 * time as the consumer asks for it. A row's line is its record's number as a spreadsheet shows it (the
 * header is 1). Blank lines are skipped; a quoting error stops everything with 400 naming the line.
 */
export async function* csvChunks(
  input: Readable,
  chunkRows: number = InventoryLimits.importChunkRows,
  // The estimate below is close for plain text; the margin covers escaped quotes under the contract's limit.
  chunkCharacters: number = InventoryLimits.importChunkBytes - 100_000,
): AsyncGenerator<CsvChunk> {
  const parser = input.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // Files edited by hand mix Windows and Unix line ends.
      record_delimiter: ['\r\n', '\n', '\r'],
    }),
  );
  let header: string[] | null = null;
  let rows: Array<[number, string[]]> = [];
  let records = 0;
  let characters = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      records++;
      if (header === null) {
        header = record.map((name) => name.trim());
        continue;
      }
      if (records - 1 > InventoryLimits.importRows) {
        throw ServiceError.validation([
          { field: IMPORT_FILE_FIELD, constraint: 'arrayMaxSize', params: [InventoryLimits.importRows] },
        ]);
      }
      rows.push([records, record]);
      // The staged chunk travels as JSON: each cell costs its text plus quotes and a comma, at least.
      characters += record.reduce((sum, cell) => sum + cell.length + 3, 16);
      if (rows.length === chunkRows || characters >= chunkCharacters) {
        yield { header, rows };
        rows = [];
        characters = 0;
      }
    }
  } catch (error) {
    // The parser reads ahead of this loop: its own count of the records before the bad one is the true one.
    if (error instanceof CsvError)
      throw malformed(((error as { records?: number }).records ?? records) + 1, error.code);
    throw error;
  } finally {
    input.unpipe(parser);
  }
  if (header === null) throw ServiceError.validation([{ field: IMPORT_FILE_FIELD, constraint: 'csvEmpty' }]);
  // Always one chunk, even an empty one: the import exists, and its commit says the file has no rows.
  yield { header, rows };
}

/** One CSV line per piece of equipment, in the import's columns: an export imports back unchanged. */
export function equipmentCsv(pages: AsyncIterable<EquipmentV1[]>): Readable {
  const output = stringify({ header: true, columns: [...EQUIPMENT_CSV_COLUMNS], record_delimiter: 'windows' });
  const write = async (): Promise<void> => {
    for await (const page of pages) {
      for (const equipment of page) {
        if (!output.write(csvRecord(equipment))) await new Promise((resolve) => output.once('drain', resolve));
      }
      if (output.destroyed) return;
    }
    output.end();
  };
  write().catch((error: unknown) => output.destroy(error as Error));
  return output;
}

function csvRecord(e: EquipmentV1): string[] {
  return [
    e.inventoryNumber,
    e.serial ?? '',
    e.type,
    e.brand ?? '',
    e.model ?? '',
    e.location.building ?? '',
    e.location.floor ?? '',
    e.location.office ?? '',
    e.jurisdiction ?? '',
    e.state,
    e.purchaseDate ?? '',
    e.warrantyUntil ?? '',
    e.supplier ?? '',
    Object.keys(e.attributes).length > 0 ? JSON.stringify(e.attributes) : '',
  ];
}
