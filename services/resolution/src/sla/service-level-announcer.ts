import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DefaultArea, ServiceLevelEvents } from '@cau/contracts';
import { Outbox, ServiceRuntime } from '@cau/messaging';
import { Clock } from '../clock.js';
import { TicketRepository, type AnnouncedServiceLevelRow } from '../tickets/ticket.repository.js';
import { serviceLevelChanged, serviceLevelOf, type ServiceLevelState } from './service-level.js';

/** How many tickets the start-up backfill announces per transaction. */
const BACKFILL_BATCH = 500;

/**
 * Announces a ticket's service level (`ticket.service-level-changed`) whenever it differs from what was
 * announced last, which the ticket keeps (`announced_service_level`). Whoever may have changed due dates or
 * met times calls `announce` in its own transaction, after its writes; comparing with the last announcement
 * (rather than each caller deciding) makes every path — events, commands, policy changes — announce
 * exactly the changes, once, in the ticket's order.
 */
@Injectable()
export class ServiceLevelAnnouncer {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly tickets: TicketRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Announces the given tickets' changes, or those of every ticket not yet closed. Returns how many. */
  async announce(tx: EntityManager, ticketIds?: readonly string[]): Promise<number> {
    return (await this.announceRows(tx, await this.tickets.serviceLevelFacts(tx, ticketIds))).length;
  }

  /**
   * Announces the changes of tickets whose facts the caller read (with the rows locked, and after its writes);
   * returns the tickets announced, with what was announced.
   */
  async announceRows(
    tx: EntityManager,
    rows: readonly AnnouncedServiceLevelRow[],
  ): Promise<Array<{ ticketId: string; announced: ServiceLevelState }>> {
    const at = this.clock.now().toISOString();
    const changed = rows.flatMap((row) => {
      const current = serviceLevelOf(row);
      return serviceLevelChanged(row.announced, current) ? [{ row, current }] : [];
    });
    if (changed.length === 0) return [];
    await this.outbox.appendMany(
      tx,
      changed.map(({ row, current }) => ({
        definition: ServiceLevelEvents.ServiceLevelChanged,
        ticketId: row.ticketId,
        data: {
          ticketId: row.ticketId,
          number: row.number,
          // Resolution starts every ticket in L1 (see docs/architecture.md, departures).
          area: row.area ?? DefaultArea.L1,
          ...current,
          at,
        },
      })),
    );
    const announced = changed.map(({ row, current }) => ({ ticketId: row.ticketId, announced: current }));
    await this.tickets.markServiceLevelAnnounced(tx, announced);
    return announced;
  }

  /**
   * Announces, in batches, the tickets whose targets were set before this event existed (nothing announced
   * yet but due dates or met times known), so the read side learns them without waiting for a change.
   * Several instances may run it at once: rows are claimed with SKIP LOCKED.
   */
  async backfill(): Promise<number> {
    let total = 0;
    for (;;) {
      const { claimed, announced } = await this.runtime.transaction(async (tx) => {
        const ids = await this.tickets.claimUnannounced(tx, BACKFILL_BATCH);
        return { claimed: ids.length, announced: ids.length === 0 ? 0 : await this.announce(tx, ids) };
      });
      total += announced;
      // A batch that announced nothing would be claimed again: stop rather than loop.
      if (claimed < BACKFILL_BATCH || announced === 0) return total;
    }
  }
}
