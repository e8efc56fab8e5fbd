import { Injectable } from '@nestjs/common';
import type { ArticleRefV1, ArticleV1, ArticleVersionV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { isStaff, mayRead } from './article-rules.js';
import { ArticleRepository } from './article.repository.js';

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

  async versions({ actor, id }: ArticleRefV1): Promise<ArticleVersionV1[]> {
    if (!isStaff(actor)) throw ServiceError.forbidden('solo el personal de soporte ve las versiones');
    const versions = await this.articles.versions(id);
    if (versions.length === 0) throw ServiceError.notFound('article', id);
    return versions;
  }
}
