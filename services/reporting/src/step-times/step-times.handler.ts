import { Controller } from '@nestjs/common';
import {
  ReplaceStepTargetsV1,
  StepTargetsQueryV1,
  ReportingRpc,
  StepTimesQueryV1,
  type StepTargetsV1,
  type StepTimesReportV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { StepTargetsUseCase, StepTimesReportUseCase } from './step-times.use-cases.js';

@Controller()
export class StepTimesHandler {
  constructor(
    private readonly stepTimes: StepTimesReportUseCase,
    private readonly stepTargets: StepTargetsUseCase,
  ) {}

  @Answers(ReportingRpc.StepTimes)
  report(request: StepTimesQueryV1): Promise<StepTimesReportV1> {
    return this.stepTimes.report(request);
  }

  @Answers(ReportingRpc.StepTargets)
  targets(request: StepTargetsQueryV1): Promise<StepTargetsV1> {
    return this.stepTargets.get(request);
  }

  @Answers(ReportingRpc.ReplaceStepTargets)
  replaceTargets(request: ReplaceStepTargetsV1): Promise<StepTargetsV1> {
    return this.stepTargets.replace(request);
  }
}
