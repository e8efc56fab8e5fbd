import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Language,
  Role,
  type ActorV1,
  type CreateReportScheduleV1,
  type DeleteReportScheduleV1,
  type ReportScheduleListQueryV1,
  type ReportScheduleV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { RebuildRepository } from '../rebuild/rebuild.repository.js';
import { ReportScheduleRepository } from './report-schedule.repository.js';

/** Administrators decide who receives which summaries. */
@Injectable()
export class ManageSchedulesUseCase {
  constructor(
    private readonly schedules: ReportScheduleRepository,
    private readonly rebuilds: RebuildRepository,
    private readonly runtime: ServiceRuntime,
  ) {}

  list(query: ReportScheduleListQueryV1): Promise<ReportScheduleV1[]> {
    assertAdmin(query.actor);
    return this.schedules.list();
  }

  async create(command: CreateReportScheduleV1): Promise<ReportScheduleV1> {
    assertAdmin(command.actor);
    const id = randomUUID();
    await this.runtime.dataSource.transaction(async (tx) => {
      await this.rebuilds.holdOffSwap(tx);
      await this.schedules.create(tx, {
        id,
        granularity: command.schedule.granularity,
        // One mail per address: the same address written twice, in any case, is one recipient.
        recipients: [...new Set(command.schedule.recipients.map((r) => r.trim().toLowerCase()))],
        language: command.schedule.language ?? Language.Es,
        createdBy: command.actor,
      });
    });
    return (await this.schedules.list()).find((s) => s.id === id)!;
  }

  async delete(command: DeleteReportScheduleV1): Promise<void> {
    assertAdmin(command.actor);
    const deleted = await this.runtime.dataSource.transaction(async (tx) => {
      await this.rebuilds.holdOffSwap(tx);
      return this.schedules.delete(tx, command.id);
    });
    if (!deleted) throw ServiceError.notFound('report schedule', command.id);
  }
}

function assertAdmin(actor: ActorV1): void {
  if (actor.role !== Role.Admin) {
    throw ServiceError.forbidden({ code: 'reporting.schedules-admins-only' });
  }
}
