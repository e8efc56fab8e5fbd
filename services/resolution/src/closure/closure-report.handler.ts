import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ResolutionQueries, TicketOnlyCommandV1 } from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import type { ClosureReportV1 } from './closure-report.js';
import { GetClosureReportUseCase } from './get-closure-report.use-case.js';

/** Answered by any instance, whatever areas it serves. */
@Controller()
export class ClosureReportHandler {
  constructor(private readonly getClosureReport: GetClosureReportUseCase) {}

  @MessagePattern(ResolutionQueries.ClosureReport)
  closureReport(@Payload() data: unknown): Promise<ClosureReportV1> {
    return this.getClosureReport.execute(parseMessage(TicketOnlyCommandV1, data));
  }
}
