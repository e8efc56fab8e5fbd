import { Controller } from '@nestjs/common';
import { ResolutionRpc, TicketOnlyCommandV1, type TicketServiceLevelV1, type ClosureReportV1 } from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { GetServiceLevelUseCase } from '../sla/get-service-level.use-case.js';
import { GetClosureReportUseCase } from './get-closure-report.use-case.js';

/** Queries about one ticket that any instance answers, whatever areas it serves. */
@Controller()
export class ClosureReportHandler {
  constructor(
    private readonly getClosureReport: GetClosureReportUseCase,
    private readonly getServiceLevel: GetServiceLevelUseCase,
  ) {}

  @Answers(ResolutionRpc.ClosureReport)
  closureReport(request: TicketOnlyCommandV1): Promise<ClosureReportV1> {
    return this.getClosureReport.execute(request);
  }

  @Answers(ResolutionRpc.TicketServiceLevel)
  serviceLevel(request: TicketOnlyCommandV1): Promise<TicketServiceLevelV1> {
    return this.getServiceLevel.execute(request);
  }
}
