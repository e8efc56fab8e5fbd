import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRoutedV1 } from '@cau/contracts';
import { EventPositions } from '@cau/messaging';
import { TicketRepository } from './ticket.repository.js';

/** Keeps the ticket's current area and priority; an older routing never replaces a newer one. */
@Injectable()
export class RecordRoutingUseCase {
  constructor(
    private readonly positions: EventPositions,
    private readonly tickets: TicketRepository,
  ) {}

  async handle(event: EventEnvelope<TicketRoutedV1>, tx: EntityManager): Promise<void> {
    if (!(await this.positions.advance(tx, event))) return;
    await this.tickets.upsertRouting(tx, event.data);
  }
}
