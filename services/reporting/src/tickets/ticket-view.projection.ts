import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  EventEnvelope,
  ReviewRejectedV1,
  ServiceLevelChangedV1,
  SlaBreachedV1,
  SolutionProposedV1,
  SurveyAnsweredV1,
  SolutionAcceptedV1,
  TicketClosedV1,
  TicketCommentedV1,
  TicketDerivedV1,
  TicketLinkedV1,
  TicketMergedV1,
  TicketEstimatedV1,
  TicketReclassifiedV1,
  TicketRegisteredV1,
  TicketReopenedV1,
  TicketResolvedV1,
  TicketRoutedV1,
  TicketStatus,
  TicketTakenV1,
  TicketTimelineEntryV1,
  WaitingOnRequesterV1,
  WorkLoggedV1,
} from '@cau/contracts';
import { TimelineEntries } from './ticket-timeline.js';
import { TicketViewRepository, type TimelineStep } from './ticket-view.repository.js';
import { foldViewChanges, type Newest, type RecordedEvent, type ViewChange } from './view-changes.js';

/** What every lifecycle event carries: resolution states the result so read models need no state machine. */
interface LifecycleStep {
  ticketId: string;
  at: string;
  area: string;
  status: TicketStatus;
}

/**
 * What a batch's events change in the view and the path, recorded as they are applied and written once
 * at the end of the batch (`TicketViewProjection.flush`).
 */
export class ViewBatch {
  /** The time of each event's change, which every event gives its ticket's row. */
  readonly touches: Array<{ ticketId: string; changedAt: string }> = [];
  readonly steps: TimelineStep[] = [];
  readonly events: RecordedEvent[] = [];
}

/**
 * Keeps the ticket view and the ticket's path in step with the ticket events. Redeliveries are already
 * dropped by the consumer's inbox; what is left to guard against is order.
 *
 * Every event adds its step to the path, even one that arrives after newer ones: the path is history,
 * ordered by when each step happened. State is guarded per kind of change:
 * - what a single producer decides (intake's registration, routing's priority and classification,
 *   resolution's status, waiting flag and service level) is overwritten only by a newer event of that
 *   producer (`EventPositions`, by sequence);
 *   each such part keeps its own position, so a newer event that does not carry it cannot make an older
 *   one that does look stale;
 * - what two producers change (the area, the assignee) goes to the step with the latest time;
 * - the rest only accumulates (first response, latest resolution and closure, reopenings, overdue).
 */
@Injectable()
export class TicketViewProjection {
  constructor(private readonly views: TicketViewRepository) {}

  registered(event: EventEnvelope<TicketRegisteredV1>, batch: ViewBatch): void {
    this.addStep(event, TimelineEntries.registered(event.data), batch, (newest) =>
      newest() ? [{ kind: 'registration', ticket: event.data }] : [],
    );
  }

  routed(event: EventEnvelope<TicketRoutedV1>, batch: ViewBatch): void {
    const routing = event.data;
    this.addStep(event, TimelineEntries.routed(routing), batch, (newest) => {
      if (!newest()) return [];
      return [
        { kind: 'routing', routedAt: routing.routedAt },
        { kind: 'area', area: routing.area, at: routing.routedAt },
        // A reclassification applied first carries a newer priority.
        ...(newest('priority') ? [{ kind: 'priority' as const, priority: routing.priority }] : []),
      ];
    });
  }

  /** Routing corrected type, category, impact and urgency, and recomputed the priority: a step, and the view's classification. */
  reclassified(event: EventEnvelope<TicketReclassifiedV1>, batch: ViewBatch): void {
    const { area, at, current } = event.data;
    this.addStep(event, TimelineEntries.reclassified(event.data), batch, (newest) => [
      { kind: 'area', area, at },
      ...(newest('priority') ? [{ kind: 'reclassification' as const, classification: current, at }] : []),
    ]);
  }

  /** Resolution's targets and met times: no step of the path, but a change lists show (time left). */
  serviceLevelChanged(event: EventEnvelope<ServiceLevelChangedV1>, batch: ViewBatch): void {
    this.record(event, batch, (newest) =>
      newest('service-level') ? [{ kind: 'service-level', level: event.data }] : [],
    );
  }

  escalated(event: EventEnvelope<TicketDerivedV1>, batch: ViewBatch): void {
    this.derived(event, TimelineEntries.escalated(event.data), batch);
  }

  solutionReturned(event: EventEnvelope<TicketDerivedV1>, batch: ViewBatch): void {
    this.derived(event, TimelineEntries.solutionReturned(event.data), batch);
  }

  taken(event: EventEnvelope<TicketTakenV1>, batch: ViewBatch): void {
    const { assignee, at } = event.data;
    this.lifecycle(event, TimelineEntries.taken(event.data), batch, [
      { kind: 'assignee', assignee, at },
      { kind: 'first-response', at },
    ]);
  }

  estimated(event: EventEnvelope<TicketEstimatedV1>, batch: ViewBatch): void {
    this.lifecycle(event, TimelineEntries.estimated(event.data), batch);
  }

  workLogged(event: EventEnvelope<WorkLoggedV1>, batch: ViewBatch): void {
    this.lifecycle(event, TimelineEntries.workLogged(event.data), batch);
  }

  solutionProposed(event: EventEnvelope<SolutionProposedV1>, batch: ViewBatch): void {
    this.lifecycle(event, TimelineEntries.solutionProposed(event.data), batch);
  }

  resolved(event: EventEnvelope<TicketResolvedV1>, batch: ViewBatch): void {
    this.lifecycle(event, TimelineEntries.resolved(event.data), batch, [{ kind: 'resolved', at: event.data.at }]);
  }

  reviewRejected(event: EventEnvelope<ReviewRejectedV1>, batch: ViewBatch): void {
    this.lifecycle(event, TimelineEntries.reviewRejected(event.data), batch);
  }

  closed(event: EventEnvelope<TicketClosedV1>, batch: ViewBatch): void {
    this.lifecycle(event, TimelineEntries.closed(event.data), batch, [{ kind: 'closed', at: event.data.at }]);
  }

  /** Counting commutes, and the inbox applies each reopening once. */
  reopened(event: EventEnvelope<TicketReopenedV1>, batch: ViewBatch): void {
    this.lifecycle(event, TimelineEntries.reopened(event.data), batch, [{ kind: 'reopening' }]);
  }

  waitingOnRequester(event: EventEnvelope<WaitingOnRequesterV1>, batch: ViewBatch): void {
    this.lifecycle(event, TimelineEntries.waitingOnRequester(event.data), batch, [], (newest) =>
      newest('waiting') ? [{ kind: 'waiting', waiting: event.data.waiting }] : [],
    );
  }

  commented(event: EventEnvelope<TicketCommentedV1>, batch: ViewBatch): void {
    this.lifecycle(event, TimelineEntries.commented(event.data), batch);
  }

  solutionAccepted(event: EventEnvelope<SolutionAcceptedV1>, batch: ViewBatch): void {
    this.lifecycle(event, TimelineEntries.solutionAccepted(event.data), batch);
  }

  /** One side of a relation: this ticket's stream says whether it is related to the other now. */
  async linked(event: EventEnvelope<TicketLinkedV1>, tx: EntityManager, batch: ViewBatch): Promise<void> {
    this.lifecycle(event, TimelineEntries.linked(event.data), batch);
    await this.views.setRelation(tx, event.data.ticketId, event.data.related, true, event.sequence);
  }

  async unlinked(event: EventEnvelope<TicketLinkedV1>, tx: EntityManager, batch: ViewBatch): Promise<void> {
    this.lifecycle(event, TimelineEntries.unlinked(event.data), batch);
    await this.views.setRelation(tx, event.data.ticketId, event.data.related, false, event.sequence);
  }

  /** On the duplicate's stream it ends `fusionado`; on the original's it keeps its status. */
  async merged(event: EventEnvelope<TicketMergedV1>, tx: EntityManager, batch: ViewBatch): Promise<void> {
    this.lifecycle(event, TimelineEntries.merged(event.data), batch);
    await this.views.recordMerge(tx, event.data);
  }

  /** Con atraso is history: once a target was missed the ticket stays overdue, closed or not. */
  slaBreached(event: EventEnvelope<SlaBreachedV1>, batch: ViewBatch): void {
    this.addStep(event, TimelineEntries.slaBreached(event.data), batch, () => [{ kind: 'overdue' }]);
  }

  /** The latest answer, should a reopened ticket be surveyed again. */
  surveyAnswered(event: EventEnvelope<SurveyAnsweredV1>, batch: ViewBatch): void {
    this.addStep(event, TimelineEntries.surveyAnswered(event.data), batch, () => [
      { kind: 'satisfaction', survey: event.data },
    ]);
  }

  /**
   * Writes what the batch's events changed, once for all of them: their rows are made and locked first, so
   * the positions read next are the last committed, and each event is then judged newest against those and
   * the batch's earlier events, as if applied one at a time.
   */
  async flush(tx: EntityManager, batch: ViewBatch): Promise<void> {
    if (batch.events.length === 0) return;
    await this.views.touchAll(tx, batch.touches);
    const tickets = [...new Set(batch.events.map((e) => e.ticketId))];
    const { patches, positions } = foldViewChanges(batch.events, await this.views.positionsOf(tx, tickets));
    await this.views.applyChanges(tx, { positions, steps: batch.steps, patches, touches: batch.touches });
  }

  /** A derivation moves the ticket to another area, where nobody has taken it yet. */
  private derived(event: EventEnvelope<TicketDerivedV1>, entry: TicketTimelineEntryV1, batch: ViewBatch): void {
    const { to, at } = event.data;
    this.addStep(event, entry, batch, () => [
      { kind: 'area', area: to, at },
      { kind: 'assignee', assignee: null, at },
    ]);
  }

  /** A step of resolution's: the area it leaves the ticket in, and its status if it is the newest. */
  private lifecycle(
    event: EventEnvelope<LifecycleStep>,
    entry: TicketTimelineEntryV1,
    batch: ViewBatch,
    always: ViewChange[] = [],
    guarded: (newest: Newest) => ViewChange[] = () => [],
  ): void {
    const { area, status, at } = event.data;
    this.addStep(event, entry, batch, (newest) => [
      { kind: 'area', area, at },
      ...(newest() ? [{ kind: 'status' as const, status }] : []),
      ...always,
      ...guarded(newest),
    ]);
  }

  /** Records the step, and the event's changes to its row. */
  private addStep(
    event: EventEnvelope<{ ticketId: string }>,
    entry: TicketTimelineEntryV1,
    batch: ViewBatch,
    changes: (newest: Newest) => ViewChange[],
  ): void {
    batch.steps.push({ eventId: event.id, ticketId: event.data.ticketId, entry });
    this.record(event, batch, changes);
  }

  /**
   * Records the event's changes, judged at the end of the batch: `newest(part)` says whether the event is the
   * newest its producer sent for the ticket of those carrying `part` (`EventPositions`' rule). The envelope's
   * ticket id is optional (some events concern no ticket); these events always name their ticket in the
   * payload, so the position is keyed by that and the guard can never be skipped.
   */
  private record(
    event: EventEnvelope<{ ticketId: string }>,
    batch: ViewBatch,
    changes: (newest: Newest) => ViewChange[],
  ): void {
    const { ticketId } = event.data;
    batch.touches.push({ ticketId, changedAt: event.occurredAt });
    batch.events.push({ ticketId, source: event.source, sequence: event.sequence, changes });
  }
}
