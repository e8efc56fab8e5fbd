import { ProcedureEvents, QueueGroups } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { TrackAlertTicketsUseCase } from './alerts/track-alert-tickets.use-case.js';
import { ManageCatalogueUseCase } from './catalogue/manage-catalogue.use-case.js';
import { IntakeModule } from './intake.module.js';
import { IntakeSchema1763800001000 } from './migrations/1763800001000-intake-schema.js';
import { RequesterDirectory1797100000000 } from './migrations/1797100000000-requester-directory.js';
import { Catalogues1798100000000 } from './migrations/1798100000000-catalogues.js';
import { TicketServices1798600000000 } from './migrations/1798600000000-ticket-services.js';
import { MonitoringAlerts1799600000000 } from './migrations/1799600000000-monitoring-alerts.js';
import { ParkedAlertFirings1800100000000 } from './migrations/1800100000000-parked-alert-firings.js';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  schema: 'intake',
  module: IntakeModule,
  migrations: [
    IntakeSchema1763800001000,
    RequesterDirectory1797100000000,
    Catalogues1798100000000,
    TicketServices1798600000000,
    MonitoringAlerts1799600000000,
    ParkedAlertFirings1800100000000,
  ],
  portVariable: 'INTAKE_PORT',
  defaultPort: 3101,
  queueGroup: QueueGroups.intake,
  // Tickets opened by monitoring alerts: once closed or merged, the alert's next firing opens a new one.
  consumers: (app) => {
    const track = app.get(TrackAlertTicketsUseCase);
    return [
      {
        durable: 'intake',
        handlers: [
          onEvent(ProcedureEvents.TicketClosed, (event, tx) => track.closed(event, tx)),
          onEvent(ProcedureEvents.TicketReopened, (event, tx) => track.reopened(event, tx)),
          onEvent(ProcedureEvents.TicketMerged, (event, tx) => track.merged(event, tx)),
        ],
      },
    ];
  },
  // The catalogue starts from TICKET_CATEGORIES / JURISDICTION_REFERENTES / SUPERVISOR_EMAILS, once.
  afterStart: async (app, runtime, env) => {
    const seeded = await app.get(ManageCatalogueUseCase).seed(env);
    if (seeded.length > 0) runtime.logger.info({ seeded }, 'catalogue seeded from the environment');
  },
};
