import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketReclassifiedV1 } from '@cau/contracts';
import { EventPositions, type BatchScope } from '@cau/messaging';
import { EventBatchWork } from './event-batch-work.js';
import { priorityPosition } from './event-position.js';
import { TicketRepository } from './ticket.repository.js';

/**
 * Follows routing's reclassifications: the step goes into the ticket's history (who, why), and the new
 * priority — unless a later one was applied already — moves both SLA targets to that priority's, counted
 * from registration (`targetsOf`), which is then announced (`ticket.service-level-changed`).
 */
@Injectable()
export class RecordReclassificationUseCase {
  constructor(
    private readonly positions: EventPositions,
    private readonly tickets: TicketRepository,
    private readonly batchWork: EventBatchWork,
  ) {}

  async handle(event: EventEnvelope<TicketReclassifiedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    const reclassified = event.data;
    const ticket = await this.tickets.lockOrCreate(tx, reclassified.ticketId, reclassified.number);
    const { previous, current } = reclassified;
    this.batchWork.appendStep(tx, batch, {
      ticketId: ticket.ticketId,
      at: new Date(reclassified.at),
      action: 'reclassify',
      area: reclassified.area,
      by: reclassified.by,
      notes: `${previous.priority} → ${current.priority}: ${reclassified.reason}`,
    });
    if (!(await this.positions.advance(tx, priorityPosition(event)))) return;
    if (ticket.priority === current.priority) return;
    await this.tickets.setPriority(tx, ticket.ticketId, current.priority);
    this.batchWork.refreshDueDates(tx, batch, ticket.ticketId);
  }
}
