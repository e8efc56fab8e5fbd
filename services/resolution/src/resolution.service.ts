import { Events, FieldServiceEvents, ProcedureEvents, QueueGroups } from '@cau/contracts';
import { onEvent, ServiceRuntime, type ServiceDefinition } from '@cau/messaging';
import { Clock } from './clock.js';
import { servedAreasFromEnv, servesEveryAreaFromEnv } from './config/resolution-settings.js';
import { ResolutionSchema1763800003000 } from './migrations/1763800003000-resolution-schema.js';
import { ResolutionLifecycle1763800003100 } from './migrations/1763800003100-resolution-lifecycle.js';
import { ResolutionRequester1763800003300 } from './migrations/1763800003300-resolution-requester.js';
import { ResolutionComments1763800003200 } from './migrations/1763800003200-resolution-comments.js';
import { ResolutionInternalNotes1763800003450 } from './migrations/1763800003450-resolution-internal-notes.js';
import { ResolutionServiceLevelAnnounced1763800003600 } from './migrations/1763800003600-resolution-service-level-announced.js';
import { ResolutionSlaRulesVersion1798000000000 } from './migrations/1798000000000-resolution-sla-rules-version.js';
import { ResolutionLinksMerge1798200000000 } from './migrations/1798200000000-resolution-links-merge.js';
import { ResolutionCalendarAnnouncements1798520000000 } from './migrations/1798520000000-resolution-calendar-announcements.js';
import { ResolutionSlaScopes1798600000100 } from './migrations/1798600000100-resolution-sla-scopes.js';
import { ResolutionFieldAttentions1799100000200 } from './migrations/1799100000200-field-attentions.js';
import { ResolutionProblems1799630000000 } from './migrations/1799630000000-resolution-problems.js';
import { RecordFieldAttentionUseCase } from './field/record-field-attention.use-case.js';
import { ResolutionModule } from './resolution.module.js';
import { CalendarAnnouncer } from './sla/calendar-announcer.js';
import { ServiceLevelAnnouncer } from './sla/service-level-announcer.js';
import { SlaSweeper } from './sla/sla-sweeper.js';
import { RecordDerivationUseCase } from './tickets/record-derivation.use-case.js';
import { RecordReclassificationUseCase } from './tickets/record-reclassification.use-case.js';
import { RecordRegistrationUseCase } from './tickets/record-registration.use-case.js';
import { RecordRoutingUseCase } from './tickets/record-routing.use-case.js';

export interface ResolutionServiceOptions {
  /** The environment the service is started with (settings such as CAU_TIME_ZONE are read from it). */
  env?: NodeJS.ProcessEnv;
  /** The time source; tests pass one they can move. */
  clock?: Clock;
}

/**
 * The resolution service: ticket lifecycle commands served per area (`CAU_AREAS`/`CAU_AREA`), closure
 * reports and SLA policies answered by any instance, copies of the ticket fed by intake's and routing's
 * events, and the SLA sweeper.
 */
export function createResolutionService(options: ResolutionServiceOptions = {}): ServiceDefinition {
  return {
    name: 'resolution',
    schema: 'resolution',
    module: ResolutionModule.register({ env: options.env ?? process.env, clock: options.clock ?? new Clock() }),
    migrations: [
      ResolutionSchema1763800003000,
      ResolutionLifecycle1763800003100,
      ResolutionComments1763800003200,
      ResolutionRequester1763800003300,
      ResolutionInternalNotes1763800003450,
      ResolutionServiceLevelAnnounced1763800003600,
      ResolutionSlaRulesVersion1798000000000,
      ResolutionLinksMerge1798200000000,
      ResolutionCalendarAnnouncements1798520000000,
      ResolutionSlaScopes1798600000100,
      ResolutionFieldAttentions1799100000200,
      ResolutionProblems1799630000000,
    ],
    portVariable: 'RESOLUTION_PORT',
    defaultPort: 3103,
    queueGroup: QueueGroups.resolution,
    servedAreas: servedAreasFromEnv,
    servesOtherAreas: servesEveryAreaFromEnv,
    consumers: (app) => {
      const registration = app.get(RecordRegistrationUseCase);
      const routing = app.get(RecordRoutingUseCase);
      const derivation = app.get(RecordDerivationUseCase);
      const reclassification = app.get(RecordReclassificationUseCase);
      const fieldAttention = app.get(RecordFieldAttentionUseCase);
      return [
        {
          durable: 'resolution',
          // Its handlers lock ticket rows that lifecycle commands wait for: keep each batch short.
          batchSize: 20,
          handlers: [
            onEvent(Events.TicketRegistered, (event, tx, batch) => registration.handle(event, tx, batch)),
            onEvent(Events.TicketRouted, (event, tx, batch) => routing.handle(event, tx, batch)),
            onEvent(ProcedureEvents.TicketEscalated, (event, tx, batch) => derivation.handle(event, tx, batch)),
            onEvent(ProcedureEvents.SolutionReturned, (event, tx, batch) => derivation.handle(event, tx, batch)),
            onEvent(ProcedureEvents.TicketReclassified, (event, tx, batch) =>
              reclassification.handle(event, tx, batch),
            ),
            // Inventory's field work on a ticket: closing it then asks for the user's signed conformity.
            onEvent(FieldServiceEvents.VisitRecorded, (event, tx) => fieldAttention.workDone(event, tx)),
            onEvent(FieldServiceEvents.RepairOut, (event, tx) => fieldAttention.workDone(event, tx)),
            onEvent(FieldServiceEvents.SignedOff, (event, tx) => fieldAttention.signedOff(event, tx)),
          ],
        },
      ];
    },
    async afterStart(app) {
      app.get(SlaSweeper).start();
      // Calendars edited while no instance ran reach reporting before its figures are read.
      await app.get(CalendarAnnouncer).announceAtStart();
      // Targets set before `ticket.service-level-changed` existed reach the read side once, in the background.
      const runtime = app.get(ServiceRuntime);
      void app
        .get(ServiceLevelAnnouncer)
        .backfill()
        .then((announced) => {
          if (announced > 0) runtime.logger.info({ announced }, 'announced the service level of older tickets');
        })
        .catch((error: unknown) =>
          runtime.logger.error({ err: error }, 'service-level backfill failed; it runs again at the next start'),
        );
    },
  };
}

export const resolutionService = createResolutionService();
