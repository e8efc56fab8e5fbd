import { Injectable } from '@nestjs/common';
import {
  ReportingRpc,
  type ActorV1,
  type KpiReportParamsV1,
  type KpiReportV1,
  type ProblemsReportParamsV1,
  type ProblemsReportV1,
  type ProductivityReportParamsV1,
  type ProductivityReportV1,
  type RecurringReportParamsV1,
  type RecurringReportV1,
  type TicketFiltersV1,
  type TicketSummaryV1,
  type YearlyReportParamsV1,
  type YearlyReportV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';

/** Reporting computes and checks the reports (periods, roles); the gateway only passes the actor along. */
@Injectable()
export class GetReportsUseCase {
  constructor(private readonly rpc: RpcClient) {}

  kpis(actor: ActorV1, params: KpiReportParamsV1): Promise<KpiReportV1> {
    return this.rpc.request(ReportingRpc.Kpis, { actor, ...params });
  }

  recurring(actor: ActorV1, params: RecurringReportParamsV1): Promise<RecurringReportV1> {
    return this.rpc.request(ReportingRpc.Recurring, { actor, ...params });
  }

  problems(actor: ActorV1, params: ProblemsReportParamsV1): Promise<ProblemsReportV1> {
    return this.rpc.request(ReportingRpc.Problems, { actor, ...params });
  }

  yearly(actor: ActorV1, params: YearlyReportParamsV1): Promise<YearlyReportV1> {
    return this.rpc.request(ReportingRpc.Yearly, { actor, ...params });
  }

  productivity(actor: ActorV1, params: ProductivityReportParamsV1): Promise<ProductivityReportV1> {
    return this.rpc.request(ReportingRpc.Productivity, { actor, ...params });
  }

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
