import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketClosedV1, TicketMergedV1, TicketReopenedV1 } from '@cau/contracts';
import type { BatchScope } from '@cau/messaging';
import { TicketWrites } from './ticket-writes.js';

/** Follows resolution's closures, reopenings and merges, so a finished ticket is not derived. */
@Injectable()
export class TrackFinishedTicketsUseCase {
  constructor(private readonly writes: TicketWrites) {}

  closed(event: EventEnvelope<TicketClosedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    return this.writes.markFinished(tx, batch, event.data.ticketId, 'cerrado');
  }

  reopened(event: EventEnvelope<TicketReopenedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    return this.writes.markFinished(tx, batch, event.data.ticketId, null);
  }

  /** The merge is announced on both tickets' streams; only the duplicate's work ends. */
  async merged(event: EventEnvelope<TicketMergedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    if (event.ticketId !== event.data.duplicate.ticketId) return;
    await this.writes.markFinished(tx, batch, event.data.duplicate.ticketId, 'fusionado');
  }
}
