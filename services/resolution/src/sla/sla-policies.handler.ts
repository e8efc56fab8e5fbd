import { Controller } from '@nestjs/common';
import { ReplaceSlaPoliciesCommandV1, ResolutionRpc, SlaPoliciesQueryV1, type SlaPoliciesV1 } from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { GetSlaPoliciesUseCase } from './get-sla-policies.use-case.js';
import { ReplaceSlaPoliciesUseCase } from './replace-sla-policies.use-case.js';

/** Answered by any instance, whatever areas it serves. */
@Controller()
export class SlaPoliciesHandler {
  constructor(
    private readonly getPolicies: GetSlaPoliciesUseCase,
    private readonly replacePolicies: ReplaceSlaPoliciesUseCase,
  ) {}

  @Answers(ResolutionRpc.SlaPolicies)
  policies(request: SlaPoliciesQueryV1): Promise<SlaPoliciesV1> {
    return this.getPolicies.execute(request);
  }

  @Answers(ResolutionRpc.ReplaceSlaPolicies)
  replace(request: ReplaceSlaPoliciesCommandV1): Promise<SlaPoliciesV1> {
    return this.replacePolicies.execute(request);
  }
}
