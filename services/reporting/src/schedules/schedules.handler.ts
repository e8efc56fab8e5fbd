import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateReportScheduleV1,
  DeleteReportScheduleV1,
  ReportQueries,
  ReportScheduleListQueryV1,
  type ReportScheduleV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ManageSchedulesUseCase } from './manage-schedules.use-case.js';

@Controller()
export class SchedulesHandler {
  constructor(private readonly schedules: ManageSchedulesUseCase) {}

  @MessagePattern(ReportQueries.ScheduleList)
  list(@Payload() data: unknown): Promise<ReportScheduleV1[]> {
    return this.schedules.list(parseMessage(ReportScheduleListQueryV1, data));
  }

  @MessagePattern(ReportQueries.ScheduleCreate)
  create(@Payload() data: unknown): Promise<ReportScheduleV1> {
    return this.schedules.create(parseMessage(CreateReportScheduleV1, data));
  }

  @MessagePattern(ReportQueries.ScheduleDelete)
  async delete(@Payload() data: unknown): Promise<{ deleted: true }> {
    await this.schedules.delete(parseMessage(DeleteReportScheduleV1, data));
    return { deleted: true };
  }
}
