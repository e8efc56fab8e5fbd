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
import { EventPositions } from '@cau/messaging';
import { TimelineEntries } from './ticket-timeline.js';
import { normalizeEmail } from './ticket-visibility.js';
import { TicketViewRepository } from './ticket-view.repository.js';

/** What every lifecycle event carries: resolution states the result so read models need no state machine. */
interface LifecycleStep {
  ticketId: string;
  at: string;
  area: string;
  status: TicketStatus;
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
  constructor(
    private readonly positions: EventPositions,
    private readonly views: TicketViewRepository,
  ) {}

  async registered(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager): Promise<void> {
    await this.addStep(event, TimelineEntries.registered(event.data), tx);
    if (!(await this.isNewest(event, tx))) return;
    const ticket = event.data;
    await this.views.saveRegistration(
      tx,
      { ...ticket, requester: { ...ticket.requester, email: normalizeEmail(ticket.requester.email) } },
      event.occurredAt,
    );
  }

  async routed(event: EventEnvelope<TicketRoutedV1>, tx: EntityManager): Promise<void> {
    await this.addStep(event, TimelineEntries.routed(event.data), tx);
    if (!(await this.isNewest(event, tx))) return;
    const routing = event.data;
    await this.views.saveRouting(tx, routing, event.occurredAt);
    await this.views.moveArea(tx, routing.ticketId, routing.area, routing.routedAt);
    // A reclassification applied first carries a newer priority.
    if (await this.isNewest(event, tx, 'priority'))
      await this.views.setPriority(tx, routing.ticketId, routing.priority);
  }

  /** Routing corrected type, category, impact and urgency, and recomputed the priority: a step, and the view's classification. */
  async reclassified(event: EventEnvelope<TicketReclassifiedV1>, tx: EntityManager): Promise<void> {
    await this.addStep(event, TimelineEntries.reclassified(event.data), tx);
    const { ticketId, area, at, current } = event.data;
    await this.views.moveArea(tx, ticketId, area, at);
    if (await this.isNewest(event, tx, 'priority')) await this.views.reclassify(tx, ticketId, current, at);
  }

  /** Resolution's targets and met times: no step of the path, but a change lists show (time left). */
  async serviceLevelChanged(event: EventEnvelope<ServiceLevelChangedV1>, tx: EntityManager): Promise<void> {
    await this.views.touch(tx, event.data.ticketId, event.occurredAt);
    if (await this.isNewest(event, tx, 'service-level')) await this.views.setServiceLevel(tx, event.data);
  }

  escalated(event: EventEnvelope<TicketDerivedV1>, tx: EntityManager): Promise<void> {
    return this.derived(event, TimelineEntries.escalated(event.data), tx);
  }

  solutionReturned(event: EventEnvelope<TicketDerivedV1>, tx: EntityManager): Promise<void> {
    return this.derived(event, TimelineEntries.solutionReturned(event.data), tx);
  }

  async taken(event: EventEnvelope<TicketTakenV1>, tx: EntityManager): Promise<void> {
    await this.lifecycle(event, TimelineEntries.taken(event.data), tx);
    const { ticketId, assignee, at } = event.data;
    await this.views.assign(tx, ticketId, assignee, at);
    await this.views.markFirstResponse(tx, ticketId, at);
  }

  estimated(event: EventEnvelope<TicketEstimatedV1>, tx: EntityManager): Promise<void> {
    return this.lifecycle(event, TimelineEntries.estimated(event.data), tx);
  }

  workLogged(event: EventEnvelope<WorkLoggedV1>, tx: EntityManager): Promise<void> {
    return this.lifecycle(event, TimelineEntries.workLogged(event.data), tx);
  }

  solutionProposed(event: EventEnvelope<SolutionProposedV1>, tx: EntityManager): Promise<void> {
    return this.lifecycle(event, TimelineEntries.solutionProposed(event.data), tx);
  }

  async resolved(event: EventEnvelope<TicketResolvedV1>, tx: EntityManager): Promise<void> {
    await this.lifecycle(event, TimelineEntries.resolved(event.data), tx);
    await this.views.markResolved(tx, event.data.ticketId, event.data.at);
  }

  reviewRejected(event: EventEnvelope<ReviewRejectedV1>, tx: EntityManager): Promise<void> {
    return this.lifecycle(event, TimelineEntries.reviewRejected(event.data), tx);
  }

  async closed(event: EventEnvelope<TicketClosedV1>, tx: EntityManager): Promise<void> {
    await this.lifecycle(event, TimelineEntries.closed(event.data), tx);
    await this.views.markClosed(tx, event.data.ticketId, event.data.at);
  }

  async reopened(event: EventEnvelope<TicketReopenedV1>, tx: EntityManager): Promise<void> {
    await this.lifecycle(event, TimelineEntries.reopened(event.data), tx);
    await this.views.countReopening(tx, event.data.ticketId);
  }

  async waitingOnRequester(event: EventEnvelope<WaitingOnRequesterV1>, tx: EntityManager): Promise<void> {
    await this.lifecycle(event, TimelineEntries.waitingOnRequester(event.data), tx);
    if (await this.isNewest(event, tx, 'waiting')) {
      await this.views.setWaitingOnRequester(tx, event.data.ticketId, event.data.waiting);
    }
  }

  commented(event: EventEnvelope<TicketCommentedV1>, tx: EntityManager): Promise<void> {
    return this.lifecycle(event, TimelineEntries.commented(event.data), tx);
  }

  solutionAccepted(event: EventEnvelope<SolutionAcceptedV1>, tx: EntityManager): Promise<void> {
    return this.lifecycle(event, TimelineEntries.solutionAccepted(event.data), tx);
  }

  /** One side of a relation: this ticket's stream says whether it is related to the other now. */
  async linked(event: EventEnvelope<TicketLinkedV1>, tx: EntityManager): Promise<void> {
    await this.lifecycle(event, TimelineEntries.linked(event.data), tx);
    await this.views.setRelation(tx, event.data.ticketId, event.data.related, true, event.sequence);
  }

  async unlinked(event: EventEnvelope<TicketLinkedV1>, tx: EntityManager): Promise<void> {
    await this.lifecycle(event, TimelineEntries.unlinked(event.data), tx);
    await this.views.setRelation(tx, event.data.ticketId, event.data.related, false, event.sequence);
  }

  /** On the duplicate's stream it ends `fusionado`; on the original's it keeps its status. */
  async merged(event: EventEnvelope<TicketMergedV1>, tx: EntityManager): Promise<void> {
    await this.lifecycle(event, TimelineEntries.merged(event.data), tx);
    await this.views.recordMerge(tx, event.data);
  }

  async slaBreached(event: EventEnvelope<SlaBreachedV1>, tx: EntityManager): Promise<void> {
    await this.addStep(event, TimelineEntries.slaBreached(event.data), tx);
    await this.views.markOverdue(tx, event.data.ticketId);
  }

  async surveyAnswered(event: EventEnvelope<SurveyAnsweredV1>, tx: EntityManager): Promise<void> {
    await this.addStep(event, TimelineEntries.surveyAnswered(event.data), tx);
    await this.views.saveSatisfaction(tx, event.data);
  }

  /** A derivation moves the ticket to another area, where nobody has taken it yet. */
  private async derived(
    event: EventEnvelope<TicketDerivedV1>,
    entry: TicketTimelineEntryV1,
    tx: EntityManager,
  ): Promise<void> {
    await this.addStep(event, entry, tx);
    const { ticketId, to, at } = event.data;
    await this.views.moveArea(tx, ticketId, to, at);
    await this.views.assign(tx, ticketId, null, at);
  }

  private async lifecycle(
    event: EventEnvelope<LifecycleStep>,
    entry: TicketTimelineEntryV1,
    tx: EntityManager,
  ): Promise<void> {
    await this.addStep(event, entry, tx);
    const { ticketId, area, status, at } = event.data;
    await this.views.moveArea(tx, ticketId, area, at);
    if (await this.isNewest(event, tx)) await this.views.setStatus(tx, ticketId, status);
  }

  /** Records the step and makes sure the ticket's row exists for the state updates that follow. */
  private async addStep(
    event: EventEnvelope<{ ticketId: string }>,
    entry: TicketTimelineEntryV1,
    tx: EntityManager,
  ): Promise<void> {
    await this.views.addTimelineEntry(tx, event.id, event.data.ticketId, entry);
    await this.views.touch(tx, event.data.ticketId, event.occurredAt);
  }

  /**
   * Whether the event is the newest its producer sent for this ticket of those carrying `part`, recording
   * it if so. The envelope's ticket id is optional (some events concern no ticket); these events always
   * name their ticket in the payload, so the position is keyed by that and the guard can never be skipped.
   */
  private isNewest(event: EventEnvelope<{ ticketId: string }>, tx: EntityManager, part?: string): Promise<boolean> {
    return this.positions.advance(tx, {
      ticketId: event.data.ticketId,
      source: part ? `${event.source}:${part}` : event.source,
      sequence: event.sequence,
    });
  }
}
