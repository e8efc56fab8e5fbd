import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  ArticleEvents,
  type AccountRefV1,
  type ActorV1,
  type ArticleRefV1,
  type ArticleV1,
  type ArticleVersionV1,
  type CreateArticleCommandV1,
  type CreateArticleResultV1,
  type DraftFromTicketCommandV1,
  type EventDefinition,
  type ArticleDocumentV1,
  type RecordUseCommandV1,
  type UpdateArticleCommandV1,
  type VoteCommandV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { SearchArticlesUseCase } from '../search/search-articles.use-case.js';
import { TicketRepository } from '../tickets/ticket.repository.js';
import { isStaff, mayRead, mayTransition, toDocument, type Transition } from './article-rules.js';
import { ArticleRepository, type StoredArticle } from './article.repository.js';

const EVENT_OF: Record<ArticleVersionV1['change'], EventDefinition<ArticleDocumentV1>> = {
  created: ArticleEvents.ArticleDrafted,
  updated: ArticleEvents.ArticleUpdated,
  published: ArticleEvents.ArticlePublished,
  archived: ArticleEvents.ArticleArchived,
};

/**
 * Writing articles. Every change is a new revision kept in the versions table, and an event in the
 * outbox in the same transaction: the search index follows from those events.
 */
@Injectable()
export class ManageArticlesUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly articles: ArticleRepository,
    private readonly tickets: TicketRepository,
    private readonly search: SearchArticlesUseCase,
  ) {}

  async create({ actor, article }: CreateArticleCommandV1): Promise<CreateArticleResultV1> {
    requireStaff(actor);
    const { force, ...content } = article;
    if (!force) {
      const candidates = await this.search.duplicatesOf(content);
      if (candidates.length > 0) return { created: false, candidates };
    }
    const now = new Date().toISOString();
    const stored: StoredArticle = {
      ...content,
      id: randomUUID(),
      revision: 1,
      status: 'draft',
      author: accountOf(actor),
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      views: 0,
    };
    await this.runtime.transaction(async (tx) => {
      await this.articles.insert(tx, stored);
      await this.record(tx, stored, 'created', actor);
    });
    return { created: true, article: (await this.articles.get(stored.id, false))! };
  }

  /** A draft from a resolved ticket: its title, description as the problem, the solution as the step. */
  async draftFromTicket({ actor, number }: DraftFromTicketCommandV1): Promise<ArticleV1> {
    requireStaff(actor);
    const ticket = await this.tickets.byNumber(number);
    if (!ticket?.title) throw ServiceError.notFound('ticket', number);
    if (!ticket.solution) {
      throw ServiceError.conflict({ code: 'knowledge.ticket-without-solution' });
    }
    const result = await this.create({
      actor,
      article: {
        title: ticket.title,
        problem: ticket.description ?? ticket.title,
        solutionSteps: [ticket.solution],
        category: ticket.category ?? 'general',
        ...(ticket.area ? { area: ticket.area } : {}),
        tags: [],
        visibility: 'internal',
        // An operator asked for this draft knowing the ticket; duplicates are shown when publishing.
        force: true,
      },
    });
    if (!result.created) throw new Error('a forced creation always creates');
    await this.runtime.transaction((tx) => this.articles.linkTicket(tx, result.article.id, number, accountOf(actor)));
    return (await this.articles.get(result.article.id, false))!;
  }

  update({ actor, id, changes }: UpdateArticleCommandV1): Promise<ArticleV1> {
    const { revision, ...fields } = changes;
    return this.change(actor, id, 'update', (article) => {
      if (article.revision !== revision) {
        throw ServiceError.conflict({ code: 'knowledge.article-changed', params: { revision: article.revision } });
      }
      // Contract instances carry every declared field; only those the author sent change the article.
      Object.assign(article, Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)));
      return 'updated';
    });
  }

  publish({ actor, id }: ArticleRefV1): Promise<ArticleV1> {
    return this.change(actor, id, 'publish', (article, now) => {
      article.status = 'published';
      article.publishedAt = now;
      return 'published';
    });
  }

  archive({ actor, id }: ArticleRefV1): Promise<ArticleV1> {
    return this.change(actor, id, 'archive', (article) => {
      article.status = 'archived';
      return 'archived';
    });
  }

  /** Links the ticket the article helped solve; linking the same ticket again changes nothing. */
  async recordUse({ actor, id, use }: RecordUseCommandV1): Promise<ArticleV1> {
    requireStaff(actor);
    await this.runtime.transaction(async (tx) => {
      if (!(await this.articles.findForUpdate(tx, id))) throw ServiceError.notFound('article', id);
      await this.articles.linkTicket(tx, id, use.number, accountOf(actor));
    });
    return (await this.articles.get(id, false))!;
  }

  /** One vote per account; anyone who may read the article may vote. */
  async vote({ actor, id, vote }: VoteCommandV1): Promise<ArticleV1> {
    await this.runtime.transaction(async (tx) => {
      const article = await this.articles.findForUpdate(tx, id);
      if (!article || !mayRead(actor, article)) throw ServiceError.notFound('article', id);
      await this.articles.vote(tx, id, actor.accountId, vote.helpful);
    });
    return (await this.articles.get(id, false))!;
  }

  private async change(
    actor: ActorV1,
    id: string,
    transition: Transition,
    apply: (article: StoredArticle, now: string) => ArticleVersionV1['change'],
  ): Promise<ArticleV1> {
    requireStaff(actor);
    await this.runtime.transaction(async (tx) => {
      const article = await this.articles.findForUpdate(tx, id);
      if (!article) throw ServiceError.notFound('article', id);
      const decision = mayTransition(article.status, transition);
      if (!decision.allowed) throw ServiceError.conflict(decision.refusal);
      const now = new Date().toISOString();
      const change = apply(article, now);
      article.revision += 1;
      article.updatedAt = now;
      await this.articles.update(tx, article);
      await this.record(tx, article, change, actor);
    });
    return (await this.articles.get(id, false))!;
  }

  private async record(
    tx: EntityManager,
    article: StoredArticle,
    change: ArticleVersionV1['change'],
    actor: ActorV1,
  ): Promise<void> {
    await this.articles.addVersion(tx, article, change, accountOf(actor));
    await this.runtime.outbox.append(tx, { definition: EVENT_OF[change], data: toDocument(article), ticketId: null });
  }
}

function requireStaff(actor: ActorV1): void {
  if (!isStaff(actor)) throw ServiceError.forbidden({ code: 'knowledge.staff-only-writing' });
}

function accountOf(actor: ActorV1): AccountRefV1 {
  return { accountId: actor.accountId, name: actor.name };
}
