import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ActorEnvelopeBase,
  ReplacePriorityMatrixCommandV1,
  RoutingCommands,
  type PriorityMatrixV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { GetPriorityMatrixUseCase, ReplacePriorityMatrixUseCase } from './priority-matrix.use-cases.js';

@Controller()
export class PriorityMatrixHandler {
  constructor(
    private readonly getMatrix: GetPriorityMatrixUseCase,
    private readonly replaceMatrix: ReplacePriorityMatrixUseCase,
  ) {}

  @MessagePattern(RoutingCommands.GetPriorityMatrix)
  matrix(@Payload() data: unknown): Promise<PriorityMatrixV1> {
    return this.getMatrix.get(parseMessage(ActorEnvelopeBase, data));
  }

  @MessagePattern(RoutingCommands.ReplacePriorityMatrix)
  replace(@Payload() data: unknown): Promise<PriorityMatrixV1> {
    return this.replaceMatrix.replace(parseMessage(ReplacePriorityMatrixCommandV1, data));
  }
}
