import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Events, type EventEnvelope, type TicketRegisteredV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { normalizeEmail } from '../access/access-policy.js';
import { priorityFor } from '../priority/priority-matrix.js';
import { PriorityMatrixRepository } from '../priority/priority-matrix.repository.js';
import { RoutedTicketRepository } from './routed-ticket.repository.js';

/**
 * Every new ticket starts at the entry area (L1, "every ticket starts and ends here") with the
 * priority its impact and urgency give — except a monitoring alert's, which starts in the area and with the
 * priority its integration configured; `ticket.routed` is emitted in the same transaction.
 */
@Injectable()
export class RouteRegisteredTicketUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly matrices: PriorityMatrixRepository,
    private readonly tickets: RoutedTicketRepository,
  ) {}

  async handle(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager): Promise<void> {
    const registered = event.data;
    // A monitoring alert's ticket comes with the area and priority its integration chose (issue 18).
    const priority =
      registered.priority ?? priorityFor(await this.matrices.current(tx), registered.impact, registered.urgency);
    const routedAt = new Date();
    const area = await this.tickets.startingArea(tx, registered.area);
    const isNew = await this.tickets.insertIfNew(tx, {
      ticketId: registered.ticketId,
      number: registered.number,
      type: registered.type,
      category: registered.category,
      impact: registered.impact,
      urgency: registered.urgency,
      priority,
      area,
      routedAt,
      title: registered.title,
      requesterEmail: normalizeEmail(registered.requester.email),
      jurisdiction: registered.jurisdiction,
    });
    if (!isNew) return;
    await this.runtime.outbox.append(tx, {
      definition: Events.TicketRouted,
      ticketId: registered.ticketId,
      causedBy: event,
      data: {
        ticketId: registered.ticketId,
        number: registered.number,
        priority,
        area,
        routedAt: routedAt.toISOString(),
      },
    });
  }
}
