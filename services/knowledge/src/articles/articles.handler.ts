import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ArticleRefV1,
  CreateArticleCommandV1,
  DraftFromTicketCommandV1,
  KbArticleListQueryV1,
  KnowledgeCommands,
  KnowledgeQueries,
  RecordSelfSolvedCommandV1,
  RecordUseCommandV1,
  UpdateArticleCommandV1,
  VoteCommandV1,
  type ArticleAccessV1,
  type ArticleV1,
  type ArticleVersionV1,
  type CreateArticleResultV1,
  type KbArticlePageV1,
  type SelfSolvedResultV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ManageArticlesUseCase } from './manage-articles.use-case.js';
import { ReadArticlesUseCase } from './read-articles.use-case.js';
import { SelfServiceUseCase } from './self-service.use-case.js';

@Controller()
export class ArticlesHandler {
  constructor(
    private readonly manage: ManageArticlesUseCase,
    private readonly read: ReadArticlesUseCase,
    private readonly selfService: SelfServiceUseCase,
  ) {}

  @MessagePattern(KnowledgeCommands.CreateArticle)
  create(@Payload() data: unknown): Promise<CreateArticleResultV1> {
    return this.manage.create(parseMessage(CreateArticleCommandV1, data));
  }

  @MessagePattern(KnowledgeCommands.UpdateArticle)
  update(@Payload() data: unknown): Promise<ArticleV1> {
    return this.manage.update(parseMessage(UpdateArticleCommandV1, data));
  }

  @MessagePattern(KnowledgeCommands.PublishArticle)
  publish(@Payload() data: unknown): Promise<ArticleV1> {
    return this.manage.publish(parseMessage(ArticleRefV1, data));
  }

  @MessagePattern(KnowledgeCommands.ArchiveArticle)
  archive(@Payload() data: unknown): Promise<ArticleV1> {
    return this.manage.archive(parseMessage(ArticleRefV1, data));
  }

  @MessagePattern(KnowledgeCommands.DraftFromTicket)
  draftFromTicket(@Payload() data: unknown): Promise<ArticleV1> {
    return this.manage.draftFromTicket(parseMessage(DraftFromTicketCommandV1, data));
  }

  @MessagePattern(KnowledgeCommands.RecordUse)
  recordUse(@Payload() data: unknown): Promise<ArticleV1> {
    return this.manage.recordUse(parseMessage(RecordUseCommandV1, data));
  }

  @MessagePattern(KnowledgeCommands.Vote)
  vote(@Payload() data: unknown): Promise<ArticleV1> {
    return this.manage.vote(parseMessage(VoteCommandV1, data));
  }

  @MessagePattern(KnowledgeCommands.RecordSelfSolved)
  recordSelfSolved(@Payload() data: unknown): Promise<SelfSolvedResultV1> {
    return this.selfService.recordSelfSolved(parseMessage(RecordSelfSolvedCommandV1, data));
  }

  @MessagePattern(KnowledgeQueries.GetArticle)
  get(@Payload() data: unknown): Promise<ArticleV1> {
    return this.read.get(parseMessage(ArticleRefV1, data));
  }

  @MessagePattern(KnowledgeQueries.ArticleAccess)
  access(@Payload() data: unknown): Promise<ArticleAccessV1> {
    return this.read.access(parseMessage(ArticleRefV1, data));
  }

  @MessagePattern(KnowledgeQueries.ListArticles)
  list(@Payload() data: unknown): Promise<KbArticlePageV1> {
    return this.read.list(parseMessage(KbArticleListQueryV1, data));
  }

  @MessagePattern(KnowledgeQueries.ArticleVersions)
  versions(@Payload() data: unknown): Promise<ArticleVersionV1[]> {
    return this.read.versions(parseMessage(ArticleRefV1, data));
  }
}
