import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime, type BatchScope } from '@cau/messaging';
import type { NewDelivery } from '../delivery/delivery.js';
import { DeliveryRepository } from '../delivery/delivery.repository.js';
import { TicketCopyRepository, type TicketCopy } from '../tickets/ticket-copy.repository.js';

/**
 * The ticket copies and mails one consumer batch records, held until the end of the batch (or until a
 * handler needs the tables as they would be) and then written in one statement per table: a statement per
 * mail and per copy was most of the consumer's CPU (issue 16). It lives in the batch's `BatchScope`, so a
 * failed batch retried one event at a time starts each retry with nothing pending.
 */
export class PendingWrites {
  readonly tickets = new Map<string, TicketCopy>();
  readonly deliveries: NewDelivery[] = [];
  private readonly mailed = new Set<string>();

  /** Keeps the first copy of a ticket, as the table's `ON CONFLICT DO NOTHING` does. */
  addTicket(ticket: TicketCopy): void {
    if (!this.tickets.has(ticket.ticketId)) this.tickets.set(ticket.ticketId, ticket);
  }

  /** False when the batch already has a mail for this event and recipient (the delivery log's key). */
  addDelivery(delivery: NewDelivery): boolean {
    const key = `${delivery.eventId} ${delivery.recipient}`;
    if (this.mailed.has(key)) return false;
    this.mailed.add(key);
    this.deliveries.push(delivery);
    return true;
  }
}

const KEY = 'notifications:pending-writes';

@Injectable()
export class BatchWrites {
  private readonly logger: ServiceRuntime['logger'];

  constructor(
    runtime: ServiceRuntime,
    private readonly tickets: TicketCopyRepository,
    private readonly deliveries: DeliveryRepository,
  ) {
    this.logger = runtime.logger.child({ component: 'batch-writes' });
  }

  /** The batch's pending writes, written at the end of the batch, in its transaction, before it commits. */
  of(tx: EntityManager, batch: BatchScope): Promise<PendingWrites> {
    return batch.once(KEY, () => {
      const pending = new PendingWrites();
      batch.defer(KEY, () => this.flush(tx, pending));
      return Promise.resolve(pending);
    });
  }

  /** The copy of a ticket recorded earlier in this batch, else the table's. */
  async ticket(tx: EntityManager, batch: BatchScope, ticketId: string): Promise<TicketCopy | null> {
    return (await this.of(tx, batch)).tickets.get(ticketId) ?? (await this.tickets.find(tx, ticketId));
  }

  /** Writes what is pending now: for a handler that reads these tables with SQL of its own. */
  async flushNow(tx: EntityManager, batch: BatchScope): Promise<void> {
    await this.flush(tx, await this.of(tx, batch));
  }

  private async flush(tx: EntityManager, pending: PendingWrites): Promise<void> {
    const tickets = [...pending.tickets.values()];
    const deliveries = pending.deliveries.splice(0);
    pending.tickets.clear();
    // Copies before mails, the order in which one event at a time wrote them.
    await this.tickets.recordMany(tx, tickets);
    const added = await this.deliveries.insertPendingMany(tx, deliveries);
    if (added < deliveries.length) {
      this.logger.info({ mails: deliveries.length, added }, 'mails already recorded were left as they were');
    }
  }
}
