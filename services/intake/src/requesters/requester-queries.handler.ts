import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  IntakeQueries,
  RequesterRefV1,
  RequesterSearchQueryV1,
  type RequesterPageV1,
  type RequesterV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { SearchRequestersUseCase } from './search-requesters.use-case.js';

@Controller()
export class RequesterQueriesHandler {
  constructor(private readonly useCase: SearchRequestersUseCase) {}

  @MessagePattern(IntakeQueries.SearchRequesters)
  search(@Payload() data: unknown): Promise<RequesterPageV1> {
    return this.useCase.search(parseMessage(RequesterSearchQueryV1, data));
  }

  @MessagePattern(IntakeQueries.GetRequester)
  get(@Payload() data: unknown): Promise<RequesterV1> {
    return this.useCase.get(parseMessage(RequesterRefV1, data));
  }
}
