import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RoutingCommands, TicketOnlyCommandV1 } from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { SuggestAreaUseCase } from './suggest-area.use-case.js';
import type { Suggestion } from './area-suggestion.js';

@Controller()
export class SuggestionHandler {
  constructor(private readonly suggestArea: SuggestAreaUseCase) {}

  /** The suggestion, or `{ suggestion: null }` when L1 handles the ticket itself (9.1 step 5). */
  @MessagePattern(RoutingCommands.Suggest)
  suggest(@Payload() data: unknown): Promise<{ suggestion: Suggestion | null }> {
    return this.suggestArea.suggest(parseMessage(TicketOnlyCommandV1, data));
  }
}
