import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRegisteredV1 } from '@cau/contracts';
import type { BatchScope } from '@cau/messaging';
import { normalizeEmail } from '../access/access-policy.js';
import { priorityFor } from '../priority/priority-matrix.js';
import { PriorityMatrixRepository } from '../priority/priority-matrix.repository.js';
import { RoutedTicketRepository } from './routed-ticket.repository.js';
import { TicketWrites } from './ticket-writes.js';

/**
 * Every new ticket starts at the entry area (L1, "every ticket starts and ends here") with the
 * priority its impact and urgency give — except a monitoring alert's, which starts in the area and with the
 * priority its integration configured; `ticket.routed` is emitted in the same transaction. The areas are read
 * once per batch, and the ticket rows and events are written at its end for all its tickets (`TicketWrites`).
 */
@Injectable()
export class RouteRegisteredTicketUseCase {
  constructor(
    private readonly matrices: PriorityMatrixRepository,
    private readonly tickets: RoutedTicketRepository,
    private readonly writes: TicketWrites,
  ) {}

  async handle(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    const registered = event.data;
    // A monitoring alert's ticket comes with the area and priority its integration chose (issue 18).
    const priority =
      registered.priority ?? priorityFor(await this.matrices.current(tx), registered.impact, registered.urgency);
    const areas = await batch.once('routing:areas', () => this.tickets.areas(tx));
    await this.writes.route(
      tx,
      batch,
      {
        ticketId: registered.ticketId,
        number: registered.number,
        type: registered.type,
        category: registered.category,
        impact: registered.impact,
        urgency: registered.urgency,
        priority,
        area: areas.startingArea(registered.area),
        routedAt: new Date(),
        title: registered.title,
        requesterEmail: normalizeEmail(registered.requester.email),
        jurisdiction: registered.jurisdiction,
      },
      event,
    );
  }
}
