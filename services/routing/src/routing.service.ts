import { Events, QueueGroups } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { RoutingModule } from './routing.module.js';
import { RoutingSchema1763800002000 } from './migrations/1763800002000-routing-schema.js';
import { RoutingGraphAndDerivations1763800002100 } from './migrations/1763800002100-routing-graph-and-derivations.js';
import { parsePriorityMatrix } from './priority/priority-matrix.js';
import { PriorityMatrixRepository } from './priority/priority-matrix.repository.js';
import { RouteRegisteredTicketUseCase } from './routing/route-registered-ticket.use-case.js';

export const routingService: ServiceDefinition = {
  name: 'routing',
  schema: 'routing',
  module: RoutingModule,
  migrations: [RoutingSchema1763800002000, RoutingGraphAndDerivations1763800002100],
  portVariable: 'ROUTING_PORT',
  defaultPort: 3102,
  queueGroup: QueueGroups.routing,
  consumers: (app) => {
    const route = app.get(RouteRegisteredTicketUseCase);
    return [
      { durable: 'routing', handlers: [onEvent(Events.TicketRegistered, (event, tx) => route.handle(event, tx))] },
    ];
  },
  async afterStart(app, runtime, env) {
    // A deployment may fix its matrix in configuration; it then replaces the stored one at every start.
    const configured = env.CAU_PRIORITY_MATRIX;
    if (!configured) return;
    let matrix;
    try {
      matrix = parsePriorityMatrix(JSON.parse(configured));
    } catch (error) {
      throw new Error(`CAU_PRIORITY_MATRIX is not a valid priority matrix: ${(error as Error).message}`, {
        cause: error,
      });
    }
    await app.get(PriorityMatrixRepository).save(matrix);
    runtime.logger.info({ matrix }, 'priority matrix taken from CAU_PRIORITY_MATRIX');
  },
};
