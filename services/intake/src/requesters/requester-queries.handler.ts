import { Controller } from '@nestjs/common';
import {
  IntakeRpc,
  RequesterByPhoneQueryV1,
  RequesterRefV1,
  RequesterSearchQueryV1,
  type RequesterPageV1,
  type RequesterV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { RequesterRepository } from './requester.repository.js';
import { SearchRequestersUseCase } from './search-requesters.use-case.js';

@Controller()
export class RequesterQueriesHandler {
  constructor(
    private readonly useCase: SearchRequestersUseCase,
    private readonly requesters: RequesterRepository,
  ) {}

  @Answers(IntakeRpc.SearchRequesters)
  search(request: RequesterSearchQueryV1): Promise<RequesterPageV1> {
    return this.useCase.search(request);
  }

  @Answers(IntakeRpc.GetRequester)
  get(request: RequesterRefV1): Promise<RequesterV1> {
    return this.useCase.get(request);
  }

  /** Service to service (the WhatsApp channel of notifications), never reached from the gateway. */
  @Answers(IntakeRpc.RequesterByPhone)
  async byPhone(request: RequesterByPhoneQueryV1): Promise<{ requester: RequesterV1 | null }> {
    const { phone, countryCode } = request;
    return { requester: await this.requesters.findByPhone(phone, countryCode ?? '') };
  }
}
