import { Controller } from '@nestjs/common';
import {
  FindDuplicatesQueryV1,
  KbSearchQueryV1,
  KbSuggestQueryV1,
  KnowledgeRpc,
  ReindexCommandV1,
  TicketSuggestionsQueryV1,
  type DuplicateCandidateV1,
  type KbSearchPageV1,
  type KbSuggestionV1,
  type ReindexResultV1,
  type TicketKbSuggestionsV1,
} from '@cau/contracts';
import { ServiceError, Answers } from '@cau/messaging';
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

  @Answers(KnowledgeRpc.Search)
  find(request: KbSearchQueryV1): Promise<KbSearchPageV1> {
    return this.search.search(request);
  }

  @Answers(KnowledgeRpc.Suggest)
  suggest(request: KbSuggestQueryV1): Promise<KbSuggestionV1[]> {
    return this.search.suggest(request);
  }

  @Answers(KnowledgeRpc.FindDuplicates)
  duplicates(request: FindDuplicatesQueryV1): Promise<DuplicateCandidateV1[]> {
    const query = request;
    if (!isStaff(query.actor)) throw ServiceError.forbidden({ code: 'knowledge.staff-only-writing' });
    return this.search.duplicatesOf(query.article, query.article.exceptId);
  }

  @Answers(KnowledgeRpc.TicketSuggestions)
  forTicket(request: TicketSuggestionsQueryV1): Promise<TicketKbSuggestionsV1> {
    return this.ticketSuggestions.get(request);
  }

  @Answers(KnowledgeRpc.Reindex)
  reindex(request: ReindexCommandV1): Promise<ReindexResultV1> {
    return this.indexing.reindex(request);
  }
}
