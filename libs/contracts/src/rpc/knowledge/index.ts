import { defineCommand, defineQuery, replyOf } from '../define.js';
import {
  ArticleRefV1,
  CreateArticleCommandV1,
  DraftFromTicketCommandV1,
  FindDuplicatesQueryV1,
  KbArticleListQueryV1,
  KbSearchQueryV1,
  KbSuggestQueryV1,
  RecordSelfSolvedCommandV1,
  RecordUseCommandV1,
  ReindexCommandV1,
  TicketSuggestionsQueryV1,
  UpdateArticleCommandV1,
  VoteCommandV1,
  type ArticleAccessV1,
  type ArticleV1,
  type ArticleVersionV1,
  type CreateArticleResultV1,
  type DuplicateCandidateV1,
  type KbArticlePageV1,
  type KbSearchPageV1,
  type KbSuggestionV1,
  type ReindexResultV1,
  type SelfSolvedResultV1,
  type TicketKbSuggestionsV1,
} from './articles.js';

export * from './articles.js';

/**
 * Everything knowledge answers over request/reply. Articles are addressed by their UUID; tickets by their
 * number, as everywhere else.
 */
export const KnowledgeRpc = {
  CreateArticle: defineCommand('knowledge.article.create.v1', CreateArticleCommandV1, replyOf<CreateArticleResultV1>()),
  UpdateArticle: defineCommand('knowledge.article.update.v1', UpdateArticleCommandV1, replyOf<ArticleV1>()),
  PublishArticle: defineCommand('knowledge.article.publish.v1', ArticleRefV1, replyOf<ArticleV1>()),
  ArchiveArticle: defineCommand('knowledge.article.archive.v1', ArticleRefV1, replyOf<ArticleV1>()),
  DraftFromTicket: defineCommand(
    'knowledge.article.draft-from-ticket.v1',
    DraftFromTicketCommandV1,
    replyOf<ArticleV1>(),
  ),
  RecordUse: defineCommand('knowledge.article.use.v1', RecordUseCommandV1, replyOf<ArticleV1>()),
  Vote: defineCommand('knowledge.article.vote.v1', VoteCommandV1, replyOf<ArticleV1>()),
  /** "Esto resolvió mi problema": self-service that avoided a ticket. */
  RecordSelfSolved: defineCommand(
    'knowledge.article.self-solved.v1',
    RecordSelfSolvedCommandV1,
    replyOf<SelfSolvedResultV1>(),
  ),
  Reindex: defineCommand('knowledge.index.rebuild.v1', ReindexCommandV1, replyOf<ReindexResultV1>()),

  GetArticle: defineQuery('knowledge.article.get.v1', ArticleRefV1, replyOf<ArticleV1>()),
  ListArticles: defineQuery('knowledge.article.list.v1', KbArticleListQueryV1, replyOf<KbArticlePageV1>()),
  ArticleVersions: defineQuery('knowledge.article.versions.v1', ArticleRefV1, replyOf<ArticleVersionV1[]>()),
  /** Whether the actor may read an article, without counting a view (the gateway serving its files). */
  ArticleAccess: defineQuery('knowledge.article.access.v1', ArticleRefV1, replyOf<ArticleAccessV1>()),
  Search: defineQuery('knowledge.search.v1', KbSearchQueryV1, replyOf<KbSearchPageV1>()),
  Suggest: defineQuery('knowledge.suggest.v1', KbSuggestQueryV1, replyOf<KbSuggestionV1[]>()),
  FindDuplicates: defineQuery(
    'knowledge.article.duplicates.v1',
    FindDuplicatesQueryV1,
    replyOf<DuplicateCandidateV1[]>(),
  ),
  TicketSuggestions: defineQuery(
    'knowledge.ticket.suggestions.v1',
    TicketSuggestionsQueryV1,
    replyOf<TicketKbSuggestionsV1>(),
  ),
};
