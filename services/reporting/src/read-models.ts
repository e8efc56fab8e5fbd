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
import { ViewBatch, type TicketViewProjection } from './tickets/ticket-view.projection.js';

/** The live consumer's durable name: its inbox rows are keyed by it, in the live and the shadow schema. */
export { READ_MODELS_DURABLE } from '@cau/contracts';

/** Runs before an event touches the read models; false leaves the event out. */
export type ReadModelGuard = (event: EventEnvelope<object>, tx: EntityManager, batch: BatchScope) => Promise<boolean>;

/**
 * What a batch of events leaves for its end: the view and path changes, and the tickets whose fact row and
 * times per step are to be rebuilt from them.
 */
class ReadModelBatch {
  readonly view = new ViewBatch();
  readonly facts = new Set<string>();
  readonly steps = new Set<string>();
}

/**
 * The handlers that keep the read models, for the live consumer and for a rebuild (which passes
 * projections writing to its shadow schema). Every event records its changes to the view and the path;
 * at the end of the batch they are written (a few statements for all of its events), then the fact rows
 * of the tickets it touched are rebuilt from them, and, for tickets that had events the field steps are
 * measured from (registration, derivation, solution, closure, reopening, inventory's field events), their
 * times per step: once per ticket per batch, each for all of the batch's tickets at once. Resolution's
 * problem events feed only the problems. The calendars resolution announces are read-model state too: a
 * rebuild replays them in order, so its facts end counted on the newest.
 */
export function readModelHandlers(
  projection: TicketViewProjection,
  facts: TicketFactsProjection,
  steps: StepTimesProjection,
  problems: ProblemsProjection,
  guard?: ReadModelGuard,
): EventHandler<object>[] {
  // One accumulator per batch (never a field here: a failed batch is retried one event at a time, each in
  // a batch of its own), written by one deferred step in a fixed order: the fact rows read the view and the
  // path, and the times per step read the fact rows.
  const pending = async (tx: EntityManager, batch: BatchScope): Promise<ReadModelBatch> => {
    const state = await batch.once('read-models', () => Promise.resolve(new ReadModelBatch()));
    batch.defer('read-models', async () => {
      await projection.flush(tx, state.view);
      await facts.refreshAll(tx, [...state.facts]);
      await steps.refreshAll(tx, [...state.steps]);
    });
    return state;
  };
  const fed =
    <T extends { ticketId: string }>(
      apply: (event: EventEnvelope<T>, view: ViewBatch, tx: EntityManager) => void | Promise<void>,
      movesSteps = false,
    ) =>
    async (event: EventEnvelope<T>, tx: EntityManager, batch: BatchScope): Promise<void> => {
      if (guard && !(await guard(event, tx, batch))) return;
      const state = await pending(tx, batch);
      await apply(event, state.view, tx);
      state.facts.add(event.data.ticketId);
      if (movesSteps) state.steps.add(event.data.ticketId);
    };
  const field =
    <T extends object>(apply: (event: EventEnvelope<T>, tx: EntityManager) => Promise<string | null>) =>
    async (event: EventEnvelope<T>, tx: EntityManager, batch: BatchScope): Promise<void> => {
      if (guard && !(await guard(event, tx, batch))) return;
      const ticketId = await apply(event, tx);
      if (ticketId) (await pending(tx, batch)).steps.add(ticketId);
    };
  const problem =
    <T extends object>(apply: (event: EventEnvelope<T>, tx: EntityManager) => Promise<void>) =>
    async (event: EventEnvelope<T>, tx: EntityManager, batch: BatchScope): Promise<void> => {
      if (guard && !(await guard(event, tx, batch))) return;
      await apply(event, tx);
    };
  return [
    onEvent(
      Events.TicketRegistered,
      fed((event, view) => projection.registered(event, view), true),
    ),
    onEvent(
      Events.TicketRouted,
      fed((event, view) => projection.routed(event, view)),
    ),
    onEvent(
      ProcedureEvents.TicketEscalated,
      fed((event, view) => projection.escalated(event, view), true),
    ),
    onEvent(
      ProcedureEvents.SolutionReturned,
      fed((event, view) => projection.solutionReturned(event, view)),
    ),
    onEvent(
      ProcedureEvents.TicketTaken,
      fed((event, view) => projection.taken(event, view)),
    ),
    onEvent(
      ProcedureEvents.TicketEstimated,
      fed((event, view) => projection.estimated(event, view)),
    ),
    onEvent(
      ProcedureEvents.WorkLogged,
      fed((event, view) => projection.workLogged(event, view)),
    ),
    onEvent(
      ProcedureEvents.SolutionProposed,
      fed((event, view) => projection.solutionProposed(event, view), true),
    ),
    onEvent(
      ProcedureEvents.TicketResolved,
      fed((event, view) => projection.resolved(event, view)),
    ),
    onEvent(
      ProcedureEvents.ReviewRejected,
      fed((event, view) => projection.reviewRejected(event, view)),
    ),
    onEvent(
      ProcedureEvents.TicketClosed,
      fed((event, view) => projection.closed(event, view), true),
    ),
    onEvent(
      ProcedureEvents.TicketReopened,
      fed((event, view) => projection.reopened(event, view), true),
    ),
    onEvent(
      ProcedureEvents.WaitingOnRequester,
      fed((event, view) => projection.waitingOnRequester(event, view)),
    ),
    onEvent(
      ProcedureEvents.SlaBreached,
      fed((event, view) => projection.slaBreached(event, view)),
    ),
    onEvent(
      ProcedureEvents.SurveyAnswered,
      fed((event, view) => projection.surveyAnswered(event, view)),
    ),
    onEvent(
      ProcedureEvents.TicketCommented,
      fed((event, view) => projection.commented(event, view)),
    ),
    onEvent(
      ProcedureEvents.SolutionAccepted,
      fed((event, view) => projection.solutionAccepted(event, view)),
    ),
    onEvent(
      ProcedureEvents.TicketReclassified,
      fed((event, view) => projection.reclassified(event, view)),
    ),
    onEvent(
      ProcedureEvents.TicketLinked,
      fed((event, view, tx) => projection.linked(event, tx, view)),
    ),
    onEvent(
      ProcedureEvents.TicketUnlinked,
      fed((event, view, tx) => projection.unlinked(event, tx, view)),
    ),
    onEvent(
      ProcedureEvents.TicketMerged,
      fed((event, view, tx) => projection.merged(event, tx, view)),
    ),
    onEvent(
      ServiceLevelEvents.ServiceLevelChanged,
      fed((event, view) => projection.serviceLevelChanged(event, view)),
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
      problem((event, tx) => problems.changed(event, tx)),
    ),
    onEvent(
      ProblemEvents.TicketLinked,
      problem((event, tx) => problems.ticketLinked(event, tx)),
    ),
    onEvent(
      ProblemEvents.TicketUnlinked,
      problem((event, tx) => problems.ticketUnlinked(event, tx)),
    ),
    onEvent(CalendarEvents.CalendarsChanged, async (event, tx, batch) => {
      if (guard && !(await guard(event, tx, batch))) return;
      const recount = await facts.calendarsChanged(event, tx);
      const state = await pending(tx, batch);
      for (const ticketId of recount) state.facts.add(ticketId);
    }),
  ] as EventHandler<object>[];
}
