import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRoutedV1 } from '@cau/contracts';
import { EventPositions } from '@cau/messaging';
import { SlaSchedule } from '../sla/sla-schedule.js';
import { positionOf, priorityPosition } from './event-position.js';
import { TicketHistoryRepository } from './ticket-history.repository.js';
import { TicketRepository } from './ticket.repository.js';

/**
 * Keeps the ticket's priority (which sets its SLA targets) and its entry area. Routing's derivations
 * share its per-ticket sequence: when one of them was applied first, this older event no longer sets
 * the area, but its priority is still taken — unless a reclassification, the only other event carrying
 * a priority, was applied first: the priority keeps its own position (`priorityPosition`).
 */
@Injectable()
export class RecordRoutingUseCase {
  constructor(
    private readonly positions: EventPositions,
    private readonly tickets: TicketRepository,
    private readonly history: TicketHistoryRepository,
    private readonly schedule: SlaSchedule,
  ) {}

  async handle(event: EventEnvelope<TicketRoutedV1>, tx: EntityManager): Promise<void> {
    const newest = await this.positions.advance(tx, positionOf(event));
    const routed = event.data;
    const ticket = await this.tickets.lockOrCreate(tx, routed.ticketId, routed.number);
    const routedAt = new Date(routed.routedAt);
    const priority = (await this.positions.advance(tx, priorityPosition(event))) ? routed.priority : ticket.priority;
    await this.tickets.saveRouting(tx, ticket.ticketId, { priority, routedAt });
    if (newest) await this.tickets.moveToArea(tx, ticket.ticketId, routed.area);
    await this.history.append(tx, {
      ticketId: ticket.ticketId,
      at: routedAt,
      action: 'route',
      area: routed.area,
      by: null,
    });
    await this.schedule.refresh(tx, [ticket.ticketId]);
  }
}
