import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ResolutionQueries } from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { GetSlaPoliciesUseCase } from './get-sla-policies.use-case.js';
import { ReplaceSlaPoliciesUseCase } from './replace-sla-policies.use-case.js';
import { ReplaceSlaPoliciesCommandV1, SlaPoliciesQueryV1, type SlaPoliciesV1 } from './sla-policy.contracts.js';

/** Answered by any instance, whatever areas it serves. */
@Controller()
export class SlaPoliciesHandler {
  constructor(
    private readonly getPolicies: GetSlaPoliciesUseCase,
    private readonly replacePolicies: ReplaceSlaPoliciesUseCase,
  ) {}

  @MessagePattern(ResolutionQueries.SlaPolicies)
  policies(@Payload() data: unknown): Promise<SlaPoliciesV1> {
    return this.getPolicies.execute(parseMessage(SlaPoliciesQueryV1, data));
  }

  @MessagePattern(ResolutionQueries.ReplaceSlaPolicies)
  replace(@Payload() data: unknown): Promise<SlaPoliciesV1> {
    return this.replacePolicies.execute(parseMessage(ReplaceSlaPoliciesCommandV1, data));
  }
}
