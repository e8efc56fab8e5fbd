import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  IntakeQueries,
  RequesterByPhoneQueryV1,
  RequesterRefV1,
  RequesterSearchQueryV1,
  type RequesterPageV1,
  type RequesterV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { RequesterRepository } from './requester.repository.js';
import { SearchRequestersUseCase } from './search-requesters.use-case.js';

@Controller()
export class RequesterQueriesHandler {
  constructor(
    private readonly useCase: SearchRequestersUseCase,
    private readonly requesters: RequesterRepository,
  ) {}

  @MessagePattern(IntakeQueries.SearchRequesters)
  search(@Payload() data: unknown): Promise<RequesterPageV1> {
    return this.useCase.search(parseMessage(RequesterSearchQueryV1, data));
  }

  @MessagePattern(IntakeQueries.GetRequester)
  get(@Payload() data: unknown): Promise<RequesterV1> {
    return this.useCase.get(parseMessage(RequesterRefV1, data));
  }

  /** Service to service (the WhatsApp channel of notifications), never reached from the gateway. */
  @MessagePattern(IntakeQueries.RequesterByPhone)
  async byPhone(@Payload() data: unknown): Promise<{ requester: RequesterV1 | null }> {
    const { phone, countryCode } = parseMessage(RequesterByPhoneQueryV1, data);
    return { requester: await this.requesters.findByPhone(phone, countryCode ?? '') };
  }
}
