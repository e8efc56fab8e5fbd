import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReplaceSlaPoliciesCommandV1, ResolutionQueries, SlaPoliciesQueryV1, type SlaPoliciesV1 } from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { GetSlaPoliciesUseCase } from './get-sla-policies.use-case.js';
import { ReplaceSlaPoliciesUseCase } from './replace-sla-policies.use-case.js';

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
