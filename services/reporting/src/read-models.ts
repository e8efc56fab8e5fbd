import type { EntityManager } from 'typeorm';
import {
  CalendarEvents,
  Events,
  FieldServiceEvents,
  ProblemEvents,
  ProcedureEvents,
  ServiceLevelEvents,
  type EventEnvelope,
} from '@cau/contracts';
import { onEvent, type BatchScope, type EventHandler } from '@cau/messaging';
import type { ProblemsProjection } from './problems/problems.projection.js';
import type { TicketFactsProjection } from './reports/ticket-facts.projection.js';
import type { StepTimesProjection } from './step-times/step-times.projection.js';
import type { TicketViewProjection } from './tickets/ticket-view.projection.js';

/** The live consumer's durable name: its inbox rows are keyed by it, in the live and the shadow schema. */
export { READ_MODELS_DURABLE } from '@cau/contracts';

/** Runs before an event touches the read models; false leaves the event out. */
export type ReadModelGuard = (event: EventEnvelope<object>, tx: EntityManager, batch: BatchScope) => Promise<boolean>;

/**
 * The handlers that keep the read models, for the live consumer and for a rebuild (which passes
 * projections writing to its shadow schema). Every event updates the view and the path first; the
 * ticket's fact row is then rebuilt from them, and, after the events the field steps are measured from
 * (registration, derivation, solution, closure, reopening), its times per step. Inventory's field events
 * feed only the steps, resolution's problem events only the problems. The calendars resolution announces are read-model state
 * too: a rebuild replays them in order, so its facts end counted on the newest.
 */
export function readModelHandlers(
  projection: TicketViewProjection,
  facts: TicketFactsProjection,
  steps: StepTimesProjection,
  problems: ProblemsProjection,
  guard?: ReadModelGuard,
): EventHandler<object>[] {
  // The fact row is rebuilt from the view and the path once per ticket per batch, after all of the batch's
  // events: a ticket's registration, routing and service level usually arrive together (three statements
  // each, with the daily aggregates' upserts, rebuilt three times before).
  const fed =
    <T extends { ticketId: string }>(
      apply: (event: EventEnvelope<T>, tx: EntityManager) => Promise<void>,
      movesSteps = false,
    ) =>
    async (event: EventEnvelope<T>, tx: EntityManager, batch: BatchScope): Promise<void> => {
      if (guard && !(await guard(event, tx, batch))) return;
      await apply(event, tx);
      const { ticketId } = event.data;
      batch.defer(`facts:${ticketId}`, () => facts.refresh(tx, ticketId));
      if (movesSteps) batch.defer(`steps:${ticketId}`, () => steps.refresh(tx, ticketId));
    };
  const field =
    <T extends object>(apply: (event: EventEnvelope<T>, tx: EntityManager) => Promise<void>) =>
    async (event: EventEnvelope<T>, tx: EntityManager, batch: BatchScope): Promise<void> => {
      if (guard && !(await guard(event, tx, batch))) return;
      await apply(event, tx);
    };
  return [
    onEvent(
      Events.TicketRegistered,
      fed((event, tx) => projection.registered(event, tx), true),
    ),
    onEvent(
      Events.TicketRouted,
      fed((event, tx) => projection.routed(event, tx)),
    ),
    onEvent(
      ProcedureEvents.TicketEscalated,
      fed((event, tx) => projection.escalated(event, tx), true),
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
      fed((event, tx) => projection.solutionProposed(event, tx), true),
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
      fed((event, tx) => projection.closed(event, tx), true),
    ),
    onEvent(
      ProcedureEvents.TicketReopened,
      fed((event, tx) => projection.reopened(event, tx), true),
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
    onEvent(
      ProcedureEvents.SolutionAccepted,
      fed((event, tx) => projection.solutionAccepted(event, tx)),
    ),
    onEvent(
      ProcedureEvents.TicketReclassified,
      fed((event, tx) => projection.reclassified(event, tx)),
    ),
    onEvent(
      ProcedureEvents.TicketLinked,
      fed((event, tx) => projection.linked(event, tx)),
    ),
    onEvent(
      ProcedureEvents.TicketUnlinked,
      fed((event, tx) => projection.unlinked(event, tx)),
    ),
    onEvent(
      ProcedureEvents.TicketMerged,
      fed((event, tx) => projection.merged(event, tx)),
    ),
    onEvent(
      ServiceLevelEvents.ServiceLevelChanged,
      fed((event, tx) => projection.serviceLevelChanged(event, tx)),
    ),
    onEvent(
      FieldServiceEvents.VisitPlanned,
      field((event, tx) => steps.visit(event, tx)),
    ),
    onEvent(
      FieldServiceEvents.VisitRecorded,
      field((event, tx) => steps.visit(event, tx)),
    ),
    onEvent(
      FieldServiceEvents.RepairOut,
      field((event, tx) => steps.repair(event, tx)),
    ),
    onEvent(
      FieldServiceEvents.RepairReturned,
      field((event, tx) => steps.repair(event, tx)),
    ),
    onEvent(
      FieldServiceEvents.SignedOff,
      field((event, tx) => steps.signedOff(event, tx)),
    ),
    onEvent(
      ProblemEvents.ProblemChanged,
      field((event, tx) => problems.changed(event, tx)),
    ),
    onEvent(
      ProblemEvents.TicketLinked,
      field((event, tx) => problems.ticketLinked(event, tx)),
    ),
    onEvent(
      ProblemEvents.TicketUnlinked,
      field((event, tx) => problems.ticketUnlinked(event, tx)),
    ),
    onEvent(CalendarEvents.CalendarsChanged, async (event, tx, batch) => {
      if (guard && !(await guard(event, tx, batch))) return;
      await facts.calendarsChanged(event, tx);
    }),
  ] as EventHandler<object>[];
}
