import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ReplaceStepTargetsV1,
  StepTargetsQueryV1,
  StepTimesQueries,
  StepTimesQueryV1,
  type StepTargetsV1,
  type StepTimesReportV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { StepTargetsUseCase, StepTimesReportUseCase } from './step-times.use-cases.js';

@Controller()
export class StepTimesHandler {
  constructor(
    private readonly stepTimes: StepTimesReportUseCase,
    private readonly stepTargets: StepTargetsUseCase,
  ) {}

  @MessagePattern(StepTimesQueries.Report)
  report(@Payload() data: unknown): Promise<StepTimesReportV1> {
    return this.stepTimes.report(parseMessage(StepTimesQueryV1, data));
  }

  @MessagePattern(StepTimesQueries.Targets)
  targets(@Payload() data: unknown): Promise<StepTargetsV1> {
    return this.stepTargets.get(parseMessage(StepTargetsQueryV1, data));
  }

  @MessagePattern(StepTimesQueries.ReplaceTargets)
  replaceTargets(@Payload() data: unknown): Promise<StepTargetsV1> {
    return this.stepTargets.replace(parseMessage(ReplaceStepTargetsV1, data));
  }
}
