import { Injectable } from '@nestjs/common';
import {
  ReportingRpc,
  type ActorV1,
  type ReadModelRebuildV1,
  type ReportScheduleInputV1,
  type ReportScheduleV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';

/**
 * What administrators do with reports: scheduled reports and rebuilds of the read models. Reporting
 * checks the role too; the gateway passes the actor along.
 */
@Injectable()
export class AdministerReportsUseCase {
  constructor(private readonly rpc: RpcClient) {}

  list(actor: ActorV1): Promise<ReportScheduleV1[]> {
    return this.rpc.request(ReportingRpc.ListSchedules, { actor });
  }

  create(actor: ActorV1, schedule: ReportScheduleInputV1): Promise<ReportScheduleV1> {
    return this.rpc
      .request(ReportingRpc.CreateSchedule, { actor, schedule })
      .catch((error: unknown) => rethrowRelativeTo(error, 'schedule'));
  }

  async delete(actor: ActorV1, id: string): Promise<void> {
    await this.rpc.request(ReportingRpc.DeleteSchedule, { actor, id });
  }

  startRebuild(actor: ActorV1): Promise<ReadModelRebuildV1> {
    return this.rpc.request(ReportingRpc.StartRebuild, { actor });
  }

  rebuild(actor: ActorV1, id: string): Promise<ReadModelRebuildV1> {
    return this.rpc.request(ReportingRpc.RebuildStatus, { actor, id });
  }
}
