import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ArticleDocumentV1, EventEnvelope, ReindexCommandV1, ReindexResultV1 } from '@cau/contracts';
import { Role } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { ArticleRepository } from '../articles/article.repository.js';
import { SearchEngine } from './search-engine.js';

/** Keeps the search engine in step with the articles: from events, or rebuilt from PostgreSQL. */
@Injectable()
export class IndexArticlesUseCase {
  private readonly logger = new Logger('reindex');

  constructor(
    private readonly engine: SearchEngine,
    private readonly articles: ArticleRepository,
  ) {}

  async apply(event: EventEnvelope<ArticleDocumentV1>, tx: EntityManager): Promise<void> {
    await this.engine.index([event.data], tx);
  }

  async reindex({ actor }: ReindexCommandV1): Promise<ReindexResultV1> {
    if (actor.role !== Role.Admin) throw ServiceError.forbidden({ code: 'knowledge.admins-only-index' });
    this.logger.log(`rebuilding the ${this.engine.name} index from PostgreSQL`);
    const started = Date.now();
    const articles = await this.engine.rebuild(this.withProgress(this.articles.documents(), started));
    this.logger.log(
      `${articles} articles indexed by ${this.engine.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { engine: this.engine.name, articles };
  }

  /** Logs how far the rebuild has read, every 10,000 articles. */
  private async *withProgress(
    batches: AsyncIterable<ArticleDocumentV1[]>,
    started: number,
  ): AsyncGenerator<ArticleDocumentV1[]> {
    let read = 0;
    for await (const batch of batches) {
      yield batch;
      const before = read;
      read += batch.length;
      if (Math.floor(read / 10_000) > Math.floor(before / 10_000)) {
        this.logger.log(`reindex: ${read} articles (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
    }
  }
}
