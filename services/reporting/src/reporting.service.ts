import { Events, QueueGroups } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { ReportingSchema1763800006000 } from './migrations/1763800006000-reporting-schema.js';
import { ReportingModule } from './reporting.module.js';
import { TicketViewProjection } from './tickets/ticket-view.projection.js';

export const reportingService: ServiceDefinition = {
  name: 'reporting',
  schema: 'reporting',
  module: ReportingModule,
  migrations: [ReportingSchema1763800006000],
  portVariable: 'REPORTING_PORT',
  defaultPort: 3106,
  queueGroup: QueueGroups.reporting,
  consumers: (app) => {
    const projection = app.get(TicketViewProjection);
    return [
      {
        durable: 'reporting',
        handlers: [
          onEvent(Events.TicketRegistered, (event, tx) => projection.registered(event, tx)),
          onEvent(Events.TicketRouted, (event, tx) => projection.routed(event, tx)),
        ],
      },
    ];
  },
};
