import { Controller } from '@nestjs/common';
import {
  ArticleRefV1,
  CreateArticleCommandV1,
  DraftFromTicketCommandV1,
  KbArticleListQueryV1,
  KnowledgeRpc,
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
import { Answers } from '@cau/messaging';
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

  @Answers(KnowledgeRpc.CreateArticle)
  create(request: CreateArticleCommandV1): Promise<CreateArticleResultV1> {
    return this.manage.create(request);
  }

  @Answers(KnowledgeRpc.UpdateArticle)
  update(request: UpdateArticleCommandV1): Promise<ArticleV1> {
    return this.manage.update(request);
  }

  @Answers(KnowledgeRpc.PublishArticle)
  publish(request: ArticleRefV1): Promise<ArticleV1> {
    return this.manage.publish(request);
  }

  @Answers(KnowledgeRpc.ArchiveArticle)
  archive(request: ArticleRefV1): Promise<ArticleV1> {
    return this.manage.archive(request);
  }

  @Answers(KnowledgeRpc.DraftFromTicket)
  draftFromTicket(request: DraftFromTicketCommandV1): Promise<ArticleV1> {
    return this.manage.draftFromTicket(request);
  }

  @Answers(KnowledgeRpc.RecordUse)
  recordUse(request: RecordUseCommandV1): Promise<ArticleV1> {
    return this.manage.recordUse(request);
  }

  @Answers(KnowledgeRpc.Vote)
  vote(request: VoteCommandV1): Promise<ArticleV1> {
    return this.manage.vote(request);
  }

  @Answers(KnowledgeRpc.RecordSelfSolved)
  recordSelfSolved(request: RecordSelfSolvedCommandV1): Promise<SelfSolvedResultV1> {
    return this.selfService.recordSelfSolved(request);
  }

  @Answers(KnowledgeRpc.GetArticle)
  get(request: ArticleRefV1): Promise<ArticleV1> {
    return this.read.get(request);
  }

  @Answers(KnowledgeRpc.ArticleAccess)
  access(request: ArticleRefV1): Promise<ArticleAccessV1> {
    return this.read.access(request);
  }

  @Answers(KnowledgeRpc.ListArticles)
  list(request: KbArticleListQueryV1): Promise<KbArticlePageV1> {
    return this.read.list(request);
  }

  @Answers(KnowledgeRpc.ArticleVersions)
  versions(request: ArticleRefV1): Promise<ArticleVersionV1[]> {
    return this.read.versions(request);
  }
}
