import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRoutedV1 } from '@cau/contracts';
import { EventPositions, type BatchScope } from '@cau/messaging';
import { EventBatchWork } from './event-batch-work.js';
import { positionOf, priorityPosition } from './event-position.js';
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
    private readonly batchWork: EventBatchWork,
  ) {}

  async handle(event: EventEnvelope<TicketRoutedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    const [newest, newestPriority] = await this.positions.advanceAll(tx, [positionOf(event), priorityPosition(event)]);
    const routed = event.data;
    const ticket = await this.tickets.lockOrCreate(tx, routed.ticketId, routed.number);
    const routedAt = new Date(routed.routedAt);
    const priority = newestPriority ? routed.priority : ticket.priority;
    await this.tickets.saveRouting(tx, ticket.ticketId, {
      priority,
      routedAt,
      ...(newest ? { area: routed.area } : {}),
    });
    this.batchWork.appendStep(tx, batch, {
      ticketId: ticket.ticketId,
      at: routedAt,
      action: 'route',
      area: routed.area,
      by: null,
    });
    this.batchWork.refreshDueDates(tx, batch, ticket.ticketId);
  }
}
