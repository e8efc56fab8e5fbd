import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketClosedV1, TicketMergedV1, TicketReopenedV1 } from '@cau/contracts';
import { AlertsRepository } from './alerts.repository.js';

/**
 * Follows resolution's closures, merges and reopenings of the tickets alerts opened: once a ticket is
 * closed (only supervisors close) or merged, the alert's next firing opens a new ticket instead of folding.
 */
@Injectable()
export class TrackAlertTicketsUseCase {
  constructor(private readonly alerts: AlertsRepository) {}

  closed(event: EventEnvelope<TicketClosedV1>, tx: EntityManager): Promise<void> {
    return this.alerts.finishTicket(tx, event.data.ticketId, new Date(event.occurredAt));
  }

  reopened(event: EventEnvelope<TicketReopenedV1>, tx: EntityManager): Promise<void> {
    return this.alerts.reopenTicket(tx, event.data.ticketId);
  }

  async merged(event: EventEnvelope<TicketMergedV1>, tx: EntityManager): Promise<void> {
    if (event.ticketId !== event.data.duplicate.ticketId) return;
    await this.alerts.finishTicket(tx, event.data.duplicate.ticketId, new Date(event.occurredAt));
  }
}
