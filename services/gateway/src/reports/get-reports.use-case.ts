import { Injectable } from '@nestjs/common';
import {
  ReportQueries,
  type ActorV1,
  type KpiReportParamsV1,
  type KpiReportV1,
  type RecurringReportParamsV1,
  type RecurringReportV1,
  type YearlyReportParamsV1,
  type YearlyReportV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';

/** Reporting computes and checks the reports (periods, roles); the gateway only passes the actor along. */
@Injectable()
export class GetReportsUseCase {
  constructor(private readonly rpc: RpcClient) {}

  kpis(actor: ActorV1, params: KpiReportParamsV1): Promise<KpiReportV1> {
    return this.rpc.request<KpiReportV1>(ReportQueries.Kpis, { actor, ...params });
  }

  recurring(actor: ActorV1, params: RecurringReportParamsV1): Promise<RecurringReportV1> {
    return this.rpc.request<RecurringReportV1>(ReportQueries.Recurring, { actor, ...params });
  }

  yearly(actor: ActorV1, params: YearlyReportParamsV1): Promise<YearlyReportV1> {
    return this.rpc.request<YearlyReportV1>(ReportQueries.Yearly, { actor, ...params });
  }
}
