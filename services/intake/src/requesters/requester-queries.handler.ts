import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IntakeQueries, RequesterSearchQueryV1, type RequesterPageV1 } from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { SearchRequestersUseCase } from './search-requesters.use-case.js';

@Controller()
export class RequesterQueriesHandler {
  constructor(private readonly useCase: SearchRequestersUseCase) {}

  @MessagePattern(IntakeQueries.SearchRequesters)
  search(@Payload() data: unknown): Promise<RequesterPageV1> {
    return this.useCase.search(parseMessage(RequesterSearchQueryV1, data));
  }
}
