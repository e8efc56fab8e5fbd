import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  SELF_SOLVED_WINDOW_SECONDS,
  SelfServiceEvents,
  type RecordSelfSolvedCommandV1,
  type SelfSolvedResultV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mayRead } from './article-rules.js';
import { ArticleRepository } from './article.repository.js';

/**
 * Self-service (9.1 step 3 seen from the requester): "esto resolvió mi problema" on a suggested article
 * is a ticket that was not needed. Recorded with an `article.self-solved` event in the same
 * transaction, so reporting can count avoided tickets.
 */
@Injectable()
export class SelfServiceUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly articles: ArticleRepository,
  ) {}

  /**
   * Anyone who may read the article may say so, for a published article only: requesters and
   * referentes get "not found" for drafts and internal articles, as when reading them. The same account
   * again within SELF_SOLVED_WINDOW_SECONDS records nothing new (a double click).
   */
  async recordSelfSolved({ actor, id, selfSolved }: RecordSelfSolvedCommandV1): Promise<SelfSolvedResultV1> {
    const query = selfSolved.query?.trim() || null;
    const outcome = await this.runtime.transaction(async (tx) => {
      const article = await this.articles.findForUpdate(tx, id);
      if (!article || !mayRead(actor, article)) throw ServiceError.notFound('article', id);
      if (article.status !== 'published') {
        throw ServiceError.conflict({ code: 'knowledge.only-published-solves' });
      }
      const now = new Date();
      const since = new Date(now.getTime() - SELF_SOLVED_WINDOW_SECONDS * 1000).toISOString();
      const recent = await this.articles.recentSelfSolved(tx, id, actor.accountId, since);
      if (recent) return { recorded: false, recordedAt: recent.solvedAt };
      const record = {
        id: randomUUID(),
        articleId: id,
        accountId: actor.accountId,
        role: actor.role,
        query,
        solvedAt: now.toISOString(),
      };
      await this.articles.addSelfSolved(tx, record);
      await this.runtime.outbox.append(tx, {
        definition: SelfServiceEvents.ArticleSelfSolved,
        data: {
          recordId: record.id,
          articleId: id,
          category: article.category,
          area: article.area ?? null,
          accountId: actor.accountId,
          role: actor.role,
          jurisdiction: actor.jurisdiction ?? null,
          query,
          at: record.solvedAt,
        },
        ticketId: null,
      });
      return { recorded: true, recordedAt: record.solvedAt };
    });
    const article = (await this.articles.get(id, false))!;
    return { articleId: id, ...outcome, counters: article.counters };
  }
}
