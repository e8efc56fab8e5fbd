import { ArticleEvents, Events, ProcedureEvents, QueueGroups } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { KnowledgeModule } from './knowledge.module.js';
import { KnowledgeSchema1763800004000 } from './migrations/1763800004000-knowledge-schema.js';
import { KnowledgeArticles1763800004100 } from './migrations/1763800004100-knowledge-articles.js';
import { KnowledgeSearchSpeed1763800004200 } from './migrations/1763800004200-knowledge-search-speed.js';
import { KnowledgeSearchHead1763800004300 } from './migrations/1763800004300-knowledge-search-head.js';
import { KnowledgeArticleList1763800004400 } from './migrations/1763800004400-knowledge-article-list.js';
import { KnowledgeSelfSolved1763800004500 } from './migrations/1763800004500-knowledge-self-solved.js';
import { IndexArticlesUseCase } from './search/index-articles.use-case.js';
import { RecordTicketUseCase } from './tickets/record-registration.use-case.js';
import { RecordRoutingUseCase } from './tickets/record-routing.use-case.js';

export const knowledgeService: ServiceDefinition = {
  name: 'knowledge',
  schema: 'knowledge',
  module: KnowledgeModule,
  migrations: [
    KnowledgeSchema1763800004000,
    KnowledgeArticles1763800004100,
    KnowledgeSearchSpeed1763800004200,
    KnowledgeSearchHead1763800004300,
    KnowledgeArticleList1763800004400,
    KnowledgeSelfSolved1763800004500,
  ],
  portVariable: 'KNOWLEDGE_PORT',
  backgroundWork: true,
  defaultPort: 3104,
  queueGroup: QueueGroups.knowledge,
  consumers: (app) => {
    const recordRouting = app.get(RecordRoutingUseCase);
    const recordTicket = app.get(RecordTicketUseCase);
    const indexing = app.get(IndexArticlesUseCase);
    return [
      {
        durable: 'knowledge',
        handlers: [
          onEvent(Events.TicketRouted, (event, tx, batch) => recordRouting.handle(event, tx, batch)),
          onEvent(Events.TicketRegistered, (event, tx, batch) => recordTicket.registered(event, tx, batch)),
          onEvent(ProcedureEvents.TicketResolved, (event, tx, batch) => recordTicket.resolved(event, tx, batch)),
        ],
      },
      // A durable of its own, so the index can be replayed or rebuilt without touching ticket state.
      {
        durable: 'knowledge-index',
        handlers: Object.values(ArticleEvents).map((definition) =>
          onEvent(definition, (event, tx) => indexing.apply(event, tx)),
        ),
      },
    ];
  },
};
