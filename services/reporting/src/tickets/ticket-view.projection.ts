import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRegisteredV1, TicketRoutedV1 } from '@cau/contracts';
import { EventPositions } from '@cau/messaging';
import { normalizeEmail } from './ticket-visibility.js';
import { TicketViewRepository } from './ticket-view.repository.js';

/**
 * Keeps the ticket view in step with the ticket events. Redeliveries are already dropped by the
 * consumer's inbox; what is left to guard against is order: each producer numbers its events per ticket,
 * and a change is applied only when it is newer than the last one applied from that producer. Producers
 * are independent (intake and routing each have their own sequence) and write disjoint columns, so
 * routing's event may come first and registration still lands in full afterwards.
 */
@Injectable()
export class TicketViewProjection {
  constructor(
    private readonly positions: EventPositions,
    private readonly views: TicketViewRepository,
  ) {}

  async registered(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager): Promise<void> {
    if (!(await this.positions.advance(tx, positionOf(event)))) return;
    const ticket = event.data;
    await this.views.saveRegistration(
      tx,
      { ...ticket, requester: { ...ticket.requester, email: normalizeEmail(ticket.requester.email) } },
      event.occurredAt,
    );
  }

  async routed(event: EventEnvelope<TicketRoutedV1>, tx: EntityManager): Promise<void> {
    if (!(await this.positions.advance(tx, positionOf(event)))) return;
    await this.views.saveRouting(tx, event.data, event.occurredAt);
  }
}

/**
 * The envelope's ticket id is optional (some events concern no ticket); these events always name their
 * ticket in the payload, so the position is keyed by that and the guard can never be skipped.
 */
function positionOf(
  event: EventEnvelope<{ ticketId: string }>,
): Pick<EventEnvelope, 'ticketId' | 'source' | 'sequence'> {
  return { ticketId: event.data.ticketId, source: event.source, sequence: event.sequence };
}
