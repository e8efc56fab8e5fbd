import { Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { ArticleRepository } from './articles/article.repository.js';
import { ArticlesHandler } from './articles/articles.handler.js';
import { ManageArticlesUseCase } from './articles/manage-articles.use-case.js';
import { ReadArticlesUseCase } from './articles/read-articles.use-case.js';
import { SelfServiceUseCase } from './articles/self-service.use-case.js';
import { IndexArticlesUseCase } from './search/index-articles.use-case.js';
import { OpenSearchEngine } from './search/opensearch-search.engine.js';
import { PostgresSearchEngine } from './search/postgres-search.engine.js';
import { SearchArticlesUseCase } from './search/search-articles.use-case.js';
import { SearchEngine } from './search/search-engine.js';
import { SearchHandler } from './search/search.handler.js';
import { RecordTicketUseCase } from './tickets/record-registration.use-case.js';
import { RecordRoutingUseCase } from './tickets/record-routing.use-case.js';
import { TicketSuggestionsUseCase } from './tickets/ticket-suggestions.use-case.js';
import { TicketRepository } from './tickets/ticket.repository.js';

@Module({
  controllers: [ArticlesHandler, SearchHandler],
  providers: [
    {
      provide: SearchEngine,
      inject: [DataSource, ServiceRuntime, ArticleRepository],
      useFactory: async (dataSource: DataSource, runtime: ServiceRuntime, articles: ArticleRepository) => {
        const url = process.env.OPENSEARCH_URL;
        if (!url) return new PostgresSearchEngine(dataSource, runtime.schema);
        const engine = OpenSearchEngine.fromUrl(url, process.env.OPENSEARCH_INDEX ?? 'cau-kb');
        if (!(await engine.start())) {
          // The mapping changed: rebuild behind the alias while the old index keeps answering.
          const logger = new Logger('reindex');
          logger.log('the OpenSearch mapping changed: rebuilding the index from PostgreSQL');
          engine.rebuild(articles.documents()).then(
            (count) => logger.log(`${count} articles indexed by opensearch`),
            (error: unknown) => logger.error(`rebuilding the OpenSearch index failed: ${String(error)}`),
          );
        }
        return engine;
      },
    },
    TicketRepository,
    ArticleRepository,
    RecordRoutingUseCase,
    RecordTicketUseCase,
    TicketSuggestionsUseCase,
    SearchArticlesUseCase,
    ManageArticlesUseCase,
    ReadArticlesUseCase,
    SelfServiceUseCase,
    IndexArticlesUseCase,
  ],
})
export class KnowledgeModule {}
