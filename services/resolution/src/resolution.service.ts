import { Events } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { ResolutionModule } from './resolution.module.js';
import { ResolutionSchema1763800003000 } from './migrations/1763800003000-resolution-schema.js';
import { RecordRoutingUseCase } from './tickets/record-routing.use-case.js';

export const resolutionService: ServiceDefinition = {
  name: 'resolution',
  schema: 'resolution',
  module: ResolutionModule,
  migrations: [ResolutionSchema1763800003000],
  portVariable: 'RESOLUTION_PORT',
  defaultPort: 3103,
  consumers: (app) => {
    const recordRouting = app.get(RecordRoutingUseCase);
    return [
      {
        durable: 'resolution',
        handlers: [onEvent(Events.TicketRouted, (event, tx) => recordRouting.handle(event, tx))],
      },
    ];
  },
};
