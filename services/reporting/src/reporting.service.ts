import type { EntityManager } from 'typeorm';
import { Events, ProcedureEvents, QueueGroups, type EventEnvelope } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { ReportingSchema1763800006000 } from './migrations/1763800006000-reporting-schema.js';
import { ReportingProcedures1763800006100 } from './migrations/1763800006100-reporting-procedures.js';
import { ReportingFacts1763800006200 } from './migrations/1763800006200-reporting-facts.js';
import { ReportingKpiDaily1763800006300 } from './migrations/1763800006300-reporting-kpi-daily.js';
import { ReportingModule } from './reporting.module.js';
import { TicketFactsProjection } from './reports/ticket-facts.projection.js';
import { TicketViewProjection } from './tickets/ticket-view.projection.js';

export const reportingService: ServiceDefinition = {
  name: 'reporting',
  schema: 'reporting',
  module: ReportingModule,
  migrations: [
    ReportingSchema1763800006000,
    ReportingProcedures1763800006100,
    ReportingFacts1763800006200,
    ReportingKpiDaily1763800006300,
  ],
  // Before events are consumed: kpi_daily backfilled (first start) or rebuilt (zone changed).
  afterStart: async (app) => {
    await app.get(TicketFactsProjection).ensureDaily();
  },
  portVariable: 'REPORTING_PORT',
  defaultPort: 3106,
  queueGroup: QueueGroups.reporting,
  consumers: (app) => {
    const projection = app.get(TicketViewProjection);
    const facts = app.get(TicketFactsProjection);
    // Every event updates the view and the path first; the ticket's fact row is then rebuilt from them.
    const fed =
      <T extends { ticketId: string }>(apply: (event: EventEnvelope<T>, tx: EntityManager) => Promise<void>) =>
      async (event: EventEnvelope<T>, tx: EntityManager): Promise<void> => {
        await apply(event, tx);
        await facts.refresh(tx, event.data.ticketId);
      };
    return [
      {
        durable: 'reporting',
        handlers: [
          onEvent(
            Events.TicketRegistered,
            fed((event, tx) => projection.registered(event, tx)),
          ),
          onEvent(
            Events.TicketRouted,
            fed((event, tx) => projection.routed(event, tx)),
          ),
          onEvent(
            ProcedureEvents.TicketEscalated,
            fed((event, tx) => projection.escalated(event, tx)),
          ),
          onEvent(
            ProcedureEvents.SolutionReturned,
            fed((event, tx) => projection.solutionReturned(event, tx)),
          ),
          onEvent(
            ProcedureEvents.TicketTaken,
            fed((event, tx) => projection.taken(event, tx)),
          ),
          onEvent(
            ProcedureEvents.TicketEstimated,
            fed((event, tx) => projection.estimated(event, tx)),
          ),
          onEvent(
            ProcedureEvents.WorkLogged,
            fed((event, tx) => projection.workLogged(event, tx)),
          ),
          onEvent(
            ProcedureEvents.SolutionProposed,
            fed((event, tx) => projection.solutionProposed(event, tx)),
          ),
          onEvent(
            ProcedureEvents.TicketResolved,
            fed((event, tx) => projection.resolved(event, tx)),
          ),
          onEvent(
            ProcedureEvents.ReviewRejected,
            fed((event, tx) => projection.reviewRejected(event, tx)),
          ),
          onEvent(
            ProcedureEvents.TicketClosed,
            fed((event, tx) => projection.closed(event, tx)),
          ),
          onEvent(
            ProcedureEvents.TicketReopened,
            fed((event, tx) => projection.reopened(event, tx)),
          ),
          onEvent(
            ProcedureEvents.WaitingOnRequester,
            fed((event, tx) => projection.waitingOnRequester(event, tx)),
          ),
          onEvent(
            ProcedureEvents.SlaBreached,
            fed((event, tx) => projection.slaBreached(event, tx)),
          ),
          onEvent(
            ProcedureEvents.SurveyAnswered,
            fed((event, tx) => projection.surveyAnswered(event, tx)),
          ),
          onEvent(
            ProcedureEvents.TicketCommented,
            fed((event, tx) => projection.commented(event, tx)),
          ),
        ],
      },
    ];
  },
};
