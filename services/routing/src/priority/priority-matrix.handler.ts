import { Controller } from '@nestjs/common';
import { ActorEnvelopeBase, ReplacePriorityMatrixCommandV1, RoutingRpc, type PriorityMatrixV1 } from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { GetPriorityMatrixUseCase, ReplacePriorityMatrixUseCase } from './priority-matrix.use-cases.js';

@Controller()
export class PriorityMatrixHandler {
  constructor(
    private readonly getMatrix: GetPriorityMatrixUseCase,
    private readonly replaceMatrix: ReplacePriorityMatrixUseCase,
  ) {}

  @Answers(RoutingRpc.GetPriorityMatrix)
  matrix(request: ActorEnvelopeBase): Promise<PriorityMatrixV1> {
    return this.getMatrix.get(request);
  }

  @Answers(RoutingRpc.ReplacePriorityMatrix)
  replace(request: ReplacePriorityMatrixCommandV1): Promise<PriorityMatrixV1> {
    return this.replaceMatrix.replace(request);
  }
}
