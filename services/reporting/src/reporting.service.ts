import { QueueGroups } from '@cau/contracts';
import type { ServiceDefinition } from '@cau/messaging';
import { REPORTING_MIGRATIONS } from './migrations/index.js';
import { READ_MODELS_DURABLE, readModelHandlers } from './read-models.js';
import { RebuildRepository } from './rebuild/rebuild.repository.js';
import { ReportingModule } from './reporting.module.js';
import { TicketFactsProjection } from './reports/ticket-facts.projection.js';
import { TicketViewProjection } from './tickets/ticket-view.projection.js';

export const reportingService: ServiceDefinition = {
  name: 'reporting',
  schema: 'reporting',
  module: ReportingModule,
  migrations: REPORTING_MIGRATIONS,
  // Before events are consumed: kpi_daily backfilled (first start) or rebuilt (zone changed).
  afterStart: async (app) => {
    await app.get(TicketFactsProjection).ensureDaily();
  },
  portVariable: 'REPORTING_PORT',
  defaultPort: 3106,
  queueGroup: QueueGroups.reporting,
  consumers: (app) => {
    const rebuilds = app.get(RebuildRepository);
    return [
      {
        durable: READ_MODELS_DURABLE,
        // While a rebuild swaps its shadow tables in, live events wait, and skip what it already applied.
        handlers: readModelHandlers(app.get(TicketViewProjection), app.get(TicketFactsProjection), (event, tx) =>
          rebuilds.admit(event.id, tx),
        ),
      },
    ];
  },
};
