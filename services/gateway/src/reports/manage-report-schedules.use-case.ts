import { Injectable } from '@nestjs/common';
import { ReportQueries, type ActorV1, type ReportScheduleInputV1, type ReportScheduleV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';

/** Reporting keeps the schedules and checks the role; the gateway passes the actor along. */
@Injectable()
export class ManageReportSchedulesUseCase {
  constructor(private readonly rpc: RpcClient) {}

  list(actor: ActorV1): Promise<ReportScheduleV1[]> {
    return this.rpc.request<ReportScheduleV1[]>(ReportQueries.ScheduleList, { actor });
  }

  create(actor: ActorV1, schedule: ReportScheduleInputV1): Promise<ReportScheduleV1> {
    return this.rpc
      .request<ReportScheduleV1>(ReportQueries.ScheduleCreate, { actor, schedule })
      .catch((error: unknown) => rethrowRelativeTo(error, 'schedule'));
  }

  async delete(actor: ActorV1, id: string): Promise<void> {
    await this.rpc.request(ReportQueries.ScheduleDelete, { actor, id });
  }
}
