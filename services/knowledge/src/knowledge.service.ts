import { Events } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { KnowledgeModule } from './knowledge.module.js';
import { KnowledgeSchema1763800004000 } from './migrations/1763800004000-knowledge-schema.js';
import { RecordRoutingUseCase } from './tickets/record-routing.use-case.js';

export const knowledgeService: ServiceDefinition = {
  name: 'knowledge',
  schema: 'knowledge',
  module: KnowledgeModule,
  migrations: [KnowledgeSchema1763800004000],
  portVariable: 'KNOWLEDGE_PORT',
  defaultPort: 3104,
  consumers: (app) => {
    const recordRouting = app.get(RecordRoutingUseCase);
    return [
      {
        durable: 'knowledge',
        handlers: [onEvent(Events.TicketRouted, (event, tx) => recordRouting.handle(event, tx))],
      },
    ];
  },
};
