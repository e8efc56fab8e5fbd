import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import {
  SERVICE_LOG_KIND_LABELS,
  SERVICE_LOG_RESULT_LABELS,
  serviceLogByText,
  serviceLogSignedOffText,
  type ServiceLogEntryV1,
} from '@cau/contracts';

/** The F02's columns, in its order; the moment is an ISO 8601 instant so a spreadsheet sorts it. */
export const SERVICE_LOG_CSV_COLUMNS = [
  'fecha',
  'ticket',
  'numero_inventario',
  'tipo',
  'usuario',
  'atencion',
  'detalle',
  'realizo',
  'numero_reporte',
  'resultado',
  'conformidad',
] as const;

/** Streams the log page by page as the reply drains (csv-stringify, as the equipment export). */
export function serviceLogCsv(pages: AsyncIterable<ServiceLogEntryV1[]>): Readable {
  const output = stringify({ header: true, columns: [...SERVICE_LOG_CSV_COLUMNS], record_delimiter: 'windows' });
  const write = async (): Promise<void> => {
    for await (const page of pages) {
      for (const entry of page) {
        if (!output.write(csvRecord(entry))) await new Promise((resolve) => output.once('drain', resolve));
      }
      if (output.destroyed) return;
    }
    output.end();
  };
  write().catch((error: unknown) => output.destroy(error as Error));
  return output;
}

export function csvRecord(e: ServiceLogEntryV1): string[] {
  return [
    // A return recorded as a day is written as that day, not as its start in one time zone.
    e.day ?? e.at,
    String(e.ticketNumber),
    e.equipment.inventoryNumber,
    e.equipment.typeLabel,
    e.holder?.name ?? '',
    SERVICE_LOG_KIND_LABELS[e.kind],
    e.done ?? '',
    serviceLogByText({ ...e.by, reportNumber: null }),
    e.by.reportNumber ?? '',
    e.result ? SERVICE_LOG_RESULT_LABELS[e.result] : '',
    serviceLogSignedOffText(e.signedOff),
  ];
}
