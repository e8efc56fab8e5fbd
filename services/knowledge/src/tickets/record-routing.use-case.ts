import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRoutedV1 } from '@cau/contracts';
import type { BatchScope } from '@cau/messaging';
import { TicketRepository } from './ticket.repository.js';

const KEY = 'knowledge:routings';

/**
 * Keeps the ticket's current area and priority; an older routing never replaces a newer one. The batch's
 * routings are recorded at its end, together: of a ticket's events from one producer only the one with the
 * highest sequence can leave its routing (each applied one overwrites the one before, and one below the
 * highest is either not newer than the stored position or overwritten), so that one alone is checked
 * against the stored position and, if newer, applied.
 */
@Injectable()
export class RecordRoutingUseCase {
  constructor(private readonly tickets: TicketRepository) {}

  async handle(event: EventEnvelope<TicketRoutedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    const pending = await batch.once(KEY, async () => {
      const newest = new Map<string, EventEnvelope<TicketRoutedV1>>();
      batch.defer(KEY, () => this.tickets.applyRoutings(tx, [...newest.values()]));
      return newest;
    });
    const key = `${event.ticketId}|${event.source}`;
    const other = pending.get(key);
    // Of two events with the same sequence the first is applied, as one by one.
    if (!other || other.sequence < event.sequence) {
      // Moved to the end: the map holds the chosen events in the batch's order.
      pending.delete(key);
      pending.set(key, event);
    }
  }
}
