import { Events, ProcedureEvents, QueueGroups } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { RoutingModule } from './routing.module.js';
import { RoutingSchema1763800002000 } from './migrations/1763800002000-routing-schema.js';
import { RoutingGraphAndDerivations1763800002100 } from './migrations/1763800002100-routing-graph-and-derivations.js';
import { RoutingPriorityMatrixEdits1798400000000 } from './migrations/1798400000000-priority-matrix-edits.js';
import { RoutingFinishedTickets1798400000100 } from './migrations/1798400000100-finished-tickets.js';
import { parsePriorityMatrix } from './priority/priority-matrix.js';
import { PriorityMatrixRepository } from './priority/priority-matrix.repository.js';
import { RouteRegisteredTicketUseCase } from './routing/route-registered-ticket.use-case.js';
import { TrackFinishedTicketsUseCase } from './routing/track-finished-tickets.use-case.js';

export const routingService: ServiceDefinition = {
  name: 'routing',
  schema: 'routing',
  module: RoutingModule,
  migrations: [
    RoutingSchema1763800002000,
    RoutingGraphAndDerivations1763800002100,
    RoutingPriorityMatrixEdits1798400000000,
    RoutingFinishedTickets1798400000100,
  ],
  portVariable: 'ROUTING_PORT',
  defaultPort: 3102,
  queueGroup: QueueGroups.routing,
  consumers: (app) => {
    const route = app.get(RouteRegisteredTicketUseCase);
    const finished = app.get(TrackFinishedTicketsUseCase);
    return [
      {
        durable: 'routing',
        handlers: [
          onEvent(Events.TicketRegistered, (event, tx, batch) => route.handle(event, tx, batch)),
          onEvent(ProcedureEvents.TicketClosed, (event, tx, batch) => finished.closed(event, tx, batch)),
          onEvent(ProcedureEvents.TicketReopened, (event, tx, batch) => finished.reopened(event, tx, batch)),
          onEvent(ProcedureEvents.TicketMerged, (event, tx, batch) => finished.merged(event, tx, batch)),
        ],
      },
    ];
  },
  async afterStart(app, runtime, env) {
    // CAU_PRIORITY_MATRIX seeds the matrix until an administrator edits it in the portal; from then on the
    // edit wins, or every restart would silently undo it.
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
    const matrices = app.get(PriorityMatrixRepository);
    if (await matrices.wasEdited()) {
      runtime.logger.warn('CAU_PRIORITY_MATRIX ignored: an administrator has edited the priority matrix');
      return;
    }
    await matrices.save(matrix);
    runtime.logger.info({ matrix }, 'priority matrix taken from CAU_PRIORITY_MATRIX');
  },
};
