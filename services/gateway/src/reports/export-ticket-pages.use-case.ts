import { Injectable } from '@nestjs/common';
import { ReportingRpc, type ActorV1, type TicketFiltersV1, type TicketSummaryV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';

/** A ticket export reads reporting's list page by page while the reply is being written. */
@Injectable()
export class ExportTicketPagesUseCase {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * The tickets of a filtered list, page by page, newest first. The first page is asked for before this
   * resolves, so bad filters are refused before any byte of the export is sent; each further page once the
   * reply has taken the one before the previous.
   */
  async ticketPages(actor: ActorV1, filters: TicketFiltersV1): Promise<AsyncIterable<TicketSummaryV1[]>> {
    const page = (before?: number) =>
      this.rpc
        .request(ReportingRpc.TicketExportPage, { actor, filters, ...(before ? { before } : {}) })
        .catch((error: unknown) => rethrowRelativeTo(error, 'filters'));
    const first = await page();
    return (async function* () {
      // The next page is asked for while the reply takes the current one (two pages at most are held), so
      // reporting's query and the network round trip overlap with the writing.
      for (let current = first; ;) {
        const next = current.nextBefore === null ? null : page(current.nextBefore);
        // Handled here too, so a reply abandoned before the next page is awaited leaves no unhandled rejection.
        next?.catch(() => undefined);
        yield current.items;
        if (next === null) return;
        current = await next;
      }
    })();
  }
}
