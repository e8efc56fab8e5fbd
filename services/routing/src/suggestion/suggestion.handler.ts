import { Controller } from '@nestjs/common';
import { RoutingRpc, TicketOnlyCommandV1, type AreaSuggestionV1 } from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { SuggestAreaUseCase } from './suggest-area.use-case.js';

@Controller()
export class SuggestionHandler {
  constructor(private readonly suggestArea: SuggestAreaUseCase) {}

  /** The suggestion, or `{ suggestion: null }` when L1 handles the ticket itself (9.1 step 5). */
  @Answers(RoutingRpc.Suggest)
  suggest(request: TicketOnlyCommandV1): Promise<{ suggestion: AreaSuggestionV1 | null }> {
    return this.suggestArea.suggest(request);
  }
}
