import { Controller } from '@nestjs/common';
import {
  ReadModelRebuildStartV1,
  ReadModelRebuildStatusQueryV1,
  ReportingRpc,
  type ReadModelRebuildV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { RebuildReadModelsUseCase } from './rebuild-read-models.use-case.js';

@Controller()
export class RebuildHandler {
  constructor(private readonly rebuild: RebuildReadModelsUseCase) {}

  @Answers(ReportingRpc.StartRebuild)
  start(request: ReadModelRebuildStartV1): Promise<ReadModelRebuildV1> {
    return this.rebuild.start(request);
  }

  @Answers(ReportingRpc.RebuildStatus)
  status(request: ReadModelRebuildStatusQueryV1): Promise<ReadModelRebuildV1> {
    return this.rebuild.status(request);
  }
}
