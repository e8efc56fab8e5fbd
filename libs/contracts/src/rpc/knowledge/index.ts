import { defineCommand, defineQuery, replyOf } from '../define.js';
import {
  ArticleRefV1,
  ArticleV1,
  CreateArticleCommandV1,
  DraftFromTicketCommandV1,
  FindDuplicatesQueryV1,
  KbArticleListQueryV1,
  KbArticlePageV1,
  KbSearchPageV1,
  KbSearchQueryV1,
  KbSuggestQueryV1,
  RecordSelfSolvedCommandV1,
  RecordUseCommandV1,
  ReindexCommandV1,
  ReindexResultV1,
  SelfSolvedResultV1,
  TicketKbSuggestionsV1,
  TicketSuggestionsQueryV1,
  UpdateArticleCommandV1,
  VoteCommandV1,
  type ArticleAccessV1,
  type ArticleVersionV1,
  type CreateArticleResultV1,
  type DuplicateCandidateV1,
  type KbSuggestionV1,
} from './articles.js';

export * from './articles.js';

/**
 * Everything knowledge answers over request/reply. Articles are addressed by their UUID; tickets by their
 * number, as everywhere else.
 */
export const KnowledgeRpc = {
  CreateArticle: defineCommand('knowledge.article.create.v1', CreateArticleCommandV1, replyOf<CreateArticleResultV1>()),
  UpdateArticle: defineCommand('knowledge.article.update.v1', UpdateArticleCommandV1, ArticleV1),
  PublishArticle: defineCommand('knowledge.article.publish.v1', ArticleRefV1, ArticleV1),
  ArchiveArticle: defineCommand('knowledge.article.archive.v1', ArticleRefV1, ArticleV1),
  DraftFromTicket: defineCommand('knowledge.article.draft-from-ticket.v1', DraftFromTicketCommandV1, ArticleV1),
  RecordUse: defineCommand('knowledge.article.use.v1', RecordUseCommandV1, ArticleV1),
  Vote: defineCommand('knowledge.article.vote.v1', VoteCommandV1, ArticleV1),
  /** "Esto resolvió mi problema": self-service that avoided a ticket. */
  RecordSelfSolved: defineCommand('knowledge.article.self-solved.v1', RecordSelfSolvedCommandV1, SelfSolvedResultV1),
  Reindex: defineCommand('knowledge.index.rebuild.v1', ReindexCommandV1, ReindexResultV1),

  GetArticle: defineQuery('knowledge.article.get.v1', ArticleRefV1, ArticleV1),
  ListArticles: defineQuery('knowledge.article.list.v1', KbArticleListQueryV1, KbArticlePageV1),
  ArticleVersions: defineQuery('knowledge.article.versions.v1', ArticleRefV1, replyOf<ArticleVersionV1[]>()),
  /** Whether the actor may read an article, without counting a view (the gateway serving its files). */
  ArticleAccess: defineQuery('knowledge.article.access.v1', ArticleRefV1, replyOf<ArticleAccessV1>()),
  Search: defineQuery('knowledge.search.v1', KbSearchQueryV1, KbSearchPageV1),
  Suggest: defineQuery('knowledge.suggest.v1', KbSuggestQueryV1, replyOf<KbSuggestionV1[]>()),
  FindDuplicates: defineQuery(
    'knowledge.article.duplicates.v1',
    FindDuplicatesQueryV1,
    replyOf<DuplicateCandidateV1[]>(),
  ),
  TicketSuggestions: defineQuery('knowledge.ticket.suggestions.v1', TicketSuggestionsQueryV1, TicketKbSuggestionsV1),
};
