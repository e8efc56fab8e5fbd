import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Events, type EventEnvelope } from '@cau/contracts';
import { ServiceRuntime, type BatchScope } from '@cau/messaging';
import { RoutedTicketRepository, type RoutedTicket } from './routed-ticket.repository.js';

const KEY = 'routing:ticket-writes';

/** What a batch's events have asked routing to write and it has not written yet. */
interface Pending {
  /** By ticket id: the first routing of each ticket, with the event that asked for it. */
  routings: Map<string, { ticket: RoutedTicket; cause: EventEnvelope }>;
  /** By ticket id: what the ticket's last closure, reopening or merge of the batch left it as. */
  finished: Map<string, string | null>;
}

/**
 * The consumer's writes to `tickets` (and the `ticket.routed` events of the new ones), kept for the end of
 * the batch and written in a few statements for all its events: one insert of the new tickets, one outbox
 * append, one update of the finished ones, instead of five statements per routed ticket.
 *
 * The result is the one-by-one result: a closure applies only to a ticket routed before it (in an earlier
 * batch or earlier in this one), so the new tickets are inserted before the marks are set; and a ticket
 * routed after a mark of its own is pending waits for that mark to be written first (it would not have
 * found the row). A second routing of a ticket in one batch changes nothing, as it finds the first's row.
 */
@Injectable()
export class TicketWrites {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly tickets: RoutedTicketRepository,
  ) {}

  async route(tx: EntityManager, batch: BatchScope, ticket: RoutedTicket, cause: EventEnvelope): Promise<void> {
    const pending = await this.pending(tx, batch);
    if (pending.finished.has(ticket.ticketId)) await this.flush(tx, pending);
    if (!pending.routings.has(ticket.ticketId)) pending.routings.set(ticket.ticketId, { ticket, cause });
  }

  async markFinished(tx: EntityManager, batch: BatchScope, ticketId: string, finishedAs: string | null): Promise<void> {
    const pending = await this.pending(tx, batch);
    pending.finished.set(ticketId, finishedAs);
  }

  /** The batch's pending writes; the first ask leaves their flush for the end of the batch. */
  private pending(tx: EntityManager, batch: BatchScope): Promise<Pending> {
    return batch.once(KEY, async () => {
      const pending: Pending = { routings: new Map(), finished: new Map() };
      batch.defer(KEY, () => this.flush(tx, pending));
      return pending;
    });
  }

  private async flush(tx: EntityManager, pending: Pending): Promise<void> {
    const routings = [...pending.routings.values()];
    const finished = [...pending.finished];
    pending.routings.clear();
    pending.finished.clear();
    if (routings.length > 0) {
      const inserted = await this.tickets.insertNew(
        tx,
        routings.map((r) => r.ticket),
      );
      await this.runtime.outbox.appendMany(
        tx,
        routings
          .filter((r) => inserted.has(r.ticket.ticketId))
          .map(({ ticket, cause }) => ({
            definition: Events.TicketRouted,
            ticketId: ticket.ticketId,
            causedBy: cause,
            data: {
              ticketId: ticket.ticketId,
              number: ticket.number,
              priority: ticket.priority,
              area: ticket.area,
              routedAt: ticket.routedAt.toISOString(),
            },
          })),
      );
    }
    if (finished.length > 0) await this.tickets.markFinished(tx, finished);
  }
}
