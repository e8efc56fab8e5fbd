import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { loadExcelJs } from './excel.js';
import type { TicketSummaryV1 } from '@cau/contracts';
import { csvCell } from './kpi-export.js';

interface Column {
  header: string;
  value: (ticket: TicketSummaryV1) => string | number | null;
}

/** One line per ticket, the fields the list shows; Spanish headers like the KPI export's. */
export const TICKET_COLUMNS: readonly Column[] = [
  { header: 'numero', value: (t) => t.number },
  { header: 'titulo', value: (t) => t.title },
  { header: 'estado', value: (t) => t.status },
  { header: 'con_atraso', value: (t) => (t.overdue ? 'si' : 'no') },
  { header: 'prioridad', value: (t) => t.priority },
  { header: 'area', value: (t) => t.area },
  { header: 'jurisdiccion', value: (t) => t.jurisdiction },
  { header: 'solicitante_email', value: (t) => t.requesterEmail },
  { header: 'solicitante_nombre', value: (t) => t.requesterName },
  { header: 'canal', value: (t) => t.channel },
  { header: 'tipo', value: (t) => t.type },
  { header: 'categoria', value: (t) => t.category },
  { header: 'registrado', value: (t) => t.registeredAt },
  { header: 'asignado_a', value: (t) => t.assigneeName },
];

/** CSV of the pages, one page turned into text at a time as the reply asks for more. */
export function ticketsCsv(pages: AsyncIterable<TicketSummaryV1[]>): Readable {
  async function* chunks(): AsyncGenerator<string> {
    yield `${TICKET_COLUMNS.map((c) => c.header).join(',')}\r\n`;
    for await (const page of pages) {
      yield page.map((t) => `${TICKET_COLUMNS.map((c) => csvCell(c.value(t))).join(',')}\r\n`).join('');
    }
  }
  return Readable.from(chunks());
}

/**
 * XLSX of the pages through exceljs's streaming writer. The writer takes rows without back-pressure, so
 * the next page is read only once the reply has drained what the previous one produced.
 */
export async function ticketsXlsx(pages: AsyncIterable<TicketSummaryV1[]>): Promise<Readable> {
  const ExcelJS = await loadExcelJs();
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Tickets');
  sheet.columns = TICKET_COLUMNS.map((c) => ({ header: c.header, key: c.header }));
  const write = async () => {
    for await (const page of pages) {
      for (const ticket of page) sheet.addRow(TICKET_COLUMNS.map((c) => c.value(ticket))).commit();
      // Lets the zip stream compress what was committed, then waits while the reply is full.
      await new Promise((resolve) => setImmediate(resolve));
      while (output.writableNeedDrain && !output.destroyed) await drainedOrClosed(output);
      // The client went away: stop asking reporting for pages nobody will read.
      if (output.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => output.destroy(error as Error));
  return output;
}

async function drainedOrClosed(stream: PassThrough): Promise<void> {
  const done = new AbortController();
  try {
    await Promise.race([
      once(stream, 'drain', { signal: done.signal }),
      once(stream, 'close', { signal: done.signal }),
    ]);
  } finally {
    done.abort();
  }
}
