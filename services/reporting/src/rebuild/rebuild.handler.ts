import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ReadModelRebuildStartV1,
  ReadModelRebuildStatusQueryV1,
  ReportQueries,
  type ReadModelRebuildV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { RebuildReadModelsUseCase } from './rebuild-read-models.use-case.js';

@Controller()
export class RebuildHandler {
  constructor(private readonly rebuild: RebuildReadModelsUseCase) {}

  @MessagePattern(ReportQueries.RebuildStart)
  start(@Payload() data: unknown): Promise<ReadModelRebuildV1> {
    return this.rebuild.start(parseMessage(ReadModelRebuildStartV1, data));
  }

  @MessagePattern(ReportQueries.RebuildStatus)
  status(@Payload() data: unknown): Promise<ReadModelRebuildV1> {
    return this.rebuild.status(parseMessage(ReadModelRebuildStatusQueryV1, data));
  }
}
