import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ArticleDocumentV1, EventEnvelope, ReindexCommandV1, ReindexResultV1 } from '@cau/contracts';
import { Role } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { ArticleRepository } from '../articles/article.repository.js';
import { SearchEngine } from './search-engine.js';

/** Keeps the search engine in step with the articles: from events, or rebuilt from PostgreSQL. */
@Injectable()
export class IndexArticlesUseCase {
  constructor(
    private readonly engine: SearchEngine,
    private readonly articles: ArticleRepository,
  ) {}

  async apply(event: EventEnvelope<ArticleDocumentV1>, tx: EntityManager): Promise<void> {
    await this.engine.index([event.data], tx);
  }

  async reindex({ actor }: ReindexCommandV1): Promise<ReindexResultV1> {
    if (actor.role !== Role.Admin) throw ServiceError.forbidden('solo un administrador reconstruye el índice');
    return { engine: this.engine.name, articles: await this.engine.rebuild(this.articles.documents()) };
  }
}
