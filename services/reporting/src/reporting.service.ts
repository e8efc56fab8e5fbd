import { Events, ProcedureEvents, QueueGroups } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { ReportingSchema1763800006000 } from './migrations/1763800006000-reporting-schema.js';
import { ReportingProcedures1763800006100 } from './migrations/1763800006100-reporting-procedures.js';
import { ReportingModule } from './reporting.module.js';
import { TicketViewProjection } from './tickets/ticket-view.projection.js';

export const reportingService: ServiceDefinition = {
  name: 'reporting',
  schema: 'reporting',
  module: ReportingModule,
  migrations: [ReportingSchema1763800006000, ReportingProcedures1763800006100],
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
          onEvent(ProcedureEvents.TicketEscalated, (event, tx) => projection.escalated(event, tx)),
          onEvent(ProcedureEvents.SolutionReturned, (event, tx) => projection.solutionReturned(event, tx)),
          onEvent(ProcedureEvents.TicketTaken, (event, tx) => projection.taken(event, tx)),
          onEvent(ProcedureEvents.TicketEstimated, (event, tx) => projection.estimated(event, tx)),
          onEvent(ProcedureEvents.WorkLogged, (event, tx) => projection.workLogged(event, tx)),
          onEvent(ProcedureEvents.SolutionProposed, (event, tx) => projection.solutionProposed(event, tx)),
          onEvent(ProcedureEvents.TicketResolved, (event, tx) => projection.resolved(event, tx)),
          onEvent(ProcedureEvents.ReviewRejected, (event, tx) => projection.reviewRejected(event, tx)),
          onEvent(ProcedureEvents.TicketClosed, (event, tx) => projection.closed(event, tx)),
          onEvent(ProcedureEvents.TicketReopened, (event, tx) => projection.reopened(event, tx)),
          onEvent(ProcedureEvents.WaitingOnRequester, (event, tx) => projection.waitingOnRequester(event, tx)),
          onEvent(ProcedureEvents.SlaBreached, (event, tx) => projection.slaBreached(event, tx)),
          onEvent(ProcedureEvents.SurveyAnswered, (event, tx) => projection.surveyAnswered(event, tx)),
        ],
      },
    ];
  },
};
