import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { ArticleRepository } from './articles/article.repository.js';
import { ArticlesHandler } from './articles/articles.handler.js';
import { ManageArticlesUseCase } from './articles/manage-articles.use-case.js';
import { ReadArticlesUseCase } from './articles/read-articles.use-case.js';
import { IndexArticlesUseCase } from './search/index-articles.use-case.js';
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
      inject: [DataSource, ServiceRuntime],
      useFactory: (dataSource: DataSource, runtime: ServiceRuntime) =>
        new PostgresSearchEngine(dataSource, runtime.schema),
    },
    TicketRepository,
    ArticleRepository,
    RecordRoutingUseCase,
    RecordTicketUseCase,
    TicketSuggestionsUseCase,
    SearchArticlesUseCase,
    ManageArticlesUseCase,
    ReadArticlesUseCase,
    IndexArticlesUseCase,
  ],
})
export class KnowledgeModule {}
