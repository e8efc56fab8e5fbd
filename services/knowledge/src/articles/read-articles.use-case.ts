import { Injectable } from '@nestjs/common';
import type {
  ArticleAccessV1,
  ArticleRefV1,
  ArticleV1,
  ArticleVersionV1,
  KbArticleListQueryV1,
  KbArticlePageV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { decodeCursor, encodeCursor, listScope } from './article-list.js';
import { isStaff, mayRead } from './article-rules.js';
import { ArticleRepository } from './article.repository.js';

const DEFAULT_PAGE_SIZE = 20;

@Injectable()
export class ReadArticlesUseCase {
  constructor(private readonly articles: ArticleRepository) {}

  /**
   * One article, counting the view. An article the actor may not read is "not found", so a requester
   * cannot learn that an internal article exists.
   */
  async get({ actor, id }: ArticleRefV1): Promise<ArticleV1> {
    const article = await this.articles.get(id, false);
    if (!article || !mayRead(actor, article)) throw ServiceError.notFound('article', id);
    return (await this.articles.get(id, true))!;
  }

  /** Readable or "not found", like `get`, without counting a view: asked once per file served. */
  async access({ actor, id }: ArticleRefV1): Promise<ArticleAccessV1> {
    const article = await this.articles.get(id, false);
    if (!article || !mayRead(actor, article)) throw ServiceError.notFound('article', id);
    return { id: article.id, status: article.status, visibility: article.visibility };
  }

  /** A page of articles, newest edits first, among those the actor may read. */
  async list({ actor, params }: KbArticleListQueryV1): Promise<KbArticlePageV1> {
    const scope = listScope(actor, params);
    if (!scope.allowed) throw ServiceError.forbidden({ code: 'knowledge.staff-only-drafts' });
    const after = params.cursor === undefined ? null : decodeCursor(params.cursor);
    if (params.cursor !== undefined && !after) {
      throw ServiceError.validation([{ field: 'params.cursor', constraint: 'matches' }]);
    }
    const limit = params.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.articles.list({
      statuses: scope.statuses,
      visibilities: scope.visibilities,
      category: params.category,
      area: params.area,
      tag: params.tag,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => row.summary),
      nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.position) : null,
    };
  }

  async versions({ actor, id }: ArticleRefV1): Promise<ArticleVersionV1[]> {
    if (!isStaff(actor)) throw ServiceError.forbidden({ code: 'knowledge.staff-only-versions' });
    const versions = await this.articles.versions(id);
    if (versions.length === 0) throw ServiceError.notFound('article', id);
    return versions;
  }
}
