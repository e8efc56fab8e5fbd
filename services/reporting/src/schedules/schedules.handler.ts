import { Controller } from '@nestjs/common';
import {
  CreateReportScheduleV1,
  DeleteReportScheduleV1,
  ReportingRpc,
  ReportScheduleListQueryV1,
  type ReportScheduleV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { ManageSchedulesUseCase } from './manage-schedules.use-case.js';

@Controller()
export class SchedulesHandler {
  constructor(private readonly schedules: ManageSchedulesUseCase) {}

  @Answers(ReportingRpc.ListSchedules)
  list(request: ReportScheduleListQueryV1): Promise<ReportScheduleV1[]> {
    return this.schedules.list(request);
  }

  @Answers(ReportingRpc.CreateSchedule)
  create(request: CreateReportScheduleV1): Promise<ReportScheduleV1> {
    return this.schedules.create(request);
  }

  @Answers(ReportingRpc.DeleteSchedule)
  async delete(request: DeleteReportScheduleV1): Promise<{ deleted: true }> {
    await this.schedules.delete(request);
    return { deleted: true };
  }
}
