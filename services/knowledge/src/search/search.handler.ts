import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  FindDuplicatesQueryV1,
  KbSearchQueryV1,
  KbSuggestQueryV1,
  KnowledgeCommands,
  KnowledgeQueries,
  ReindexCommandV1,
  TicketSuggestionsQueryV1,
  type DuplicateCandidateV1,
  type KbSearchPageV1,
  type KbSuggestionV1,
  type ReindexResultV1,
  type TicketKbSuggestionsV1,
} from '@cau/contracts';
import { ServiceError, parseMessage } from '@cau/messaging';
import { isStaff } from '../articles/article-rules.js';
import { TicketSuggestionsUseCase } from '../tickets/ticket-suggestions.use-case.js';
import { IndexArticlesUseCase } from './index-articles.use-case.js';
import { SearchArticlesUseCase } from './search-articles.use-case.js';

@Controller()
export class SearchHandler {
  constructor(
    private readonly search: SearchArticlesUseCase,
    private readonly indexing: IndexArticlesUseCase,
    private readonly ticketSuggestions: TicketSuggestionsUseCase,
  ) {}

  @MessagePattern(KnowledgeQueries.Search)
  find(@Payload() data: unknown): Promise<KbSearchPageV1> {
    return this.search.search(parseMessage(KbSearchQueryV1, data));
  }

  @MessagePattern(KnowledgeQueries.Suggest)
  suggest(@Payload() data: unknown): Promise<KbSuggestionV1[]> {
    return this.search.suggest(parseMessage(KbSuggestQueryV1, data));
  }

  @MessagePattern(KnowledgeQueries.FindDuplicates)
  duplicates(@Payload() data: unknown): Promise<DuplicateCandidateV1[]> {
    const query = parseMessage(FindDuplicatesQueryV1, data);
    if (!isStaff(query.actor)) throw ServiceError.forbidden({ code: 'knowledge.staff-only-writing' });
    return this.search.duplicatesOf(query.article, query.article.exceptId);
  }

  @MessagePattern(KnowledgeQueries.TicketSuggestions)
  forTicket(@Payload() data: unknown): Promise<TicketKbSuggestionsV1> {
    return this.ticketSuggestions.get(parseMessage(TicketSuggestionsQueryV1, data));
  }

  @MessagePattern(KnowledgeCommands.Reindex)
  reindex(@Payload() data: unknown): Promise<ReindexResultV1> {
    return this.indexing.reindex(parseMessage(ReindexCommandV1, data));
  }
}
