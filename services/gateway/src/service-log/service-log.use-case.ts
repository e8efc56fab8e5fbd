import { Injectable } from '@nestjs/common';
import {
  InventoryRpc,
  ProcedureEvents,
  ServiceLogLimits,
  type ActorV1,
  type F01TicketV1,
  type FormPdfV1,
  type ServiceLogEntryV1,
  type ServiceLogParamsV1,
  type TicketViewV1,
} from '@cau/contracts';
import { InventoryClient } from '../http/service-clients.js';
import { GetTicketUseCase } from '../tickets/get-ticket.use-case.js';

export interface PdfFile {
  filename: string;
  pdf: Buffer;
}

const pdfFile = (form: FormPdfV1): PdfFile => ({ filename: form.filename, pdf: Buffer.from(form.pdf, 'base64') });

/**
 * The service log (F02) is inventory's: the gateway reads it page by page for the CSV and decodes the PDF.
 * The F01 is composed here: the ticket's own facts come from reporting's ticket view, read as the actor (so
 * whoever may not see the ticket gets reporting's 403/404 before inventory is asked), and inventory adds the
 * field attention it keeps and renders the form.
 */
@Injectable()
export class ServiceLogUseCase {
  constructor(
    private readonly inventory: InventoryClient,
    private readonly readTicket: GetTicketUseCase,
  ) {}

  /** Every page of the filtered log; the first is asked before the reply starts, so a bad filter is a 400. */
  async pages(actor: ActorV1, filters: ServiceLogParamsV1): Promise<AsyncIterable<ServiceLogEntryV1[]>> {
    const page = (cursor?: string) =>
      this.inventory.request(InventoryRpc.ServiceLog, {
        actor,
        filters: { ...filters, limit: ServiceLogLimits.pageSize, ...(cursor ? { cursor } : {}) },
      });
    const first = await page(filters.cursor);
    return (async function* () {
      for (let current = first; ;) {
        const next = current.nextCursor === null ? null : page(current.nextCursor);
        next?.catch(() => undefined);
        yield current.items;
        if (next === null) return;
        current = await next;
      }
    })();
  }

  async form(actor: ActorV1, filters: ServiceLogParamsV1): Promise<PdfFile> {
    return pdfFile(await this.inventory.document(InventoryRpc.ServiceLogForm, { actor, filters }));
  }

  async ticketForm(actor: ActorV1, number: number): Promise<PdfFile> {
    const view = await this.readTicket.read(actor, number);
    const ticket = f01Ticket(view);
    return pdfFile(await this.inventory.document(InventoryRpc.F01Form, { actor, ticket }));
  }
}

/** The facts the F01 prints: the latest solution and the latest closing are read from the ticket's path. */
export function f01Ticket(view: TicketViewV1): F01TicketV1 {
  const latest = (type: string) => view.timeline.filter((entry) => entry.type === type).at(-1);
  const solution = latest(ProcedureEvents.SolutionProposed.type)?.details['solution'];
  const closed = view.status === 'cerrado' ? latest(ProcedureEvents.TicketClosed.type) : undefined;
  return {
    ticketId: view.ticketId,
    number: view.number,
    registeredAt: view.registeredAt,
    title: view.title,
    description: view.description,
    status: view.status,
    jurisdiction: view.jurisdiction,
    requester: {
      name: view.requester.name,
      email: view.requester.email,
      ...(view.requester.phone ? { phone: view.requester.phone } : {}),
    },
    solution: typeof solution === 'string' ? solution : null,
    closedAt: closed?.at ?? null,
  };
}
