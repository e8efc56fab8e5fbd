import { QueueGroups } from '@cau/contracts';
import type { ServiceDefinition } from '@cau/messaging';
import { REPORTING_MIGRATIONS } from './migrations/index.js';
import { READ_MODELS_DURABLE, readModelHandlers } from './read-models.js';
import { ProblemsProjection } from './problems/problems.projection.js';
import { RebuildRepository } from './rebuild/rebuild.repository.js';
import { ReportingModule } from './reporting.module.js';
import { ReportScheduler } from './schedules/report-scheduler.js';
import { TicketFactsProjection } from './reports/ticket-facts.projection.js';
import { StepTimesProjection } from './step-times/step-times.projection.js';
import { TicketViewProjection } from './tickets/ticket-view.projection.js';

export const reportingService: ServiceDefinition = {
  name: 'reporting',
  schema: 'reporting',
  module: ReportingModule,
  migrations: REPORTING_MIGRATIONS,
  // Before events are consumed: kpi_daily backfilled (first start) or rebuilt (zone changed).
  afterStart: async (app, _runtime, env) => {
    await app.get(TicketFactsProjection).ensureDaily();
    app.get(ReportScheduler).start(scheduleIntervalMs(env));
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
        handlers: readModelHandlers(
          app.get(TicketViewProjection),
          app.get(TicketFactsProjection),
          app.get(StepTimesProjection),
          app.get(ProblemsProjection),
          (event, tx, batch) => rebuilds.admit(event.id, tx, batch),
        ),
      },
    ];
  },
};

/** How often scheduled reports are looked for (`REPORT_SCHEDULE_INTERVAL_MS`, 1 s to 1 h; a minute by default). */
function scheduleIntervalMs(env: NodeJS.ProcessEnv): number {
  const raw = env.REPORT_SCHEDULE_INTERVAL_MS?.trim();
  if (!raw) return 60_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1_000 || value > 3_600_000) {
    throw new Error(`REPORT_SCHEDULE_INTERVAL_MS must be an integer between 1000 and 3600000, got "${raw}"`);
  }
  return value;
}
