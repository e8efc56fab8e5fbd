import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ResolutionQueries, TicketOnlyCommandV1, type TicketServiceLevelV1 } from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import type { ClosureReportV1 } from './closure-report.js';
import { GetServiceLevelUseCase } from '../sla/get-service-level.use-case.js';
import { GetClosureReportUseCase } from './get-closure-report.use-case.js';

/** Queries about one ticket that any instance answers, whatever areas it serves. */
@Controller()
export class ClosureReportHandler {
  constructor(
    private readonly getClosureReport: GetClosureReportUseCase,
    private readonly getServiceLevel: GetServiceLevelUseCase,
  ) {}

  @MessagePattern(ResolutionQueries.ClosureReport)
  closureReport(@Payload() data: unknown): Promise<ClosureReportV1> {
    return this.getClosureReport.execute(parseMessage(TicketOnlyCommandV1, data));
  }

  @MessagePattern(ResolutionQueries.TicketServiceLevel)
  serviceLevel(@Payload() data: unknown): Promise<TicketServiceLevelV1> {
    return this.getServiceLevel.execute(parseMessage(TicketOnlyCommandV1, data));
  }
}
