import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRoutedV1 } from '@cau/contracts';
import { EventPositions, type BatchScope } from '@cau/messaging';
import { distinctRuns } from './distinct-runs.js';
import { EventBatchWork } from './event-batch-work.js';
import { positionOf, priorityPosition } from './event-position.js';
import { TicketRepository } from './ticket.repository.js';

/**
 * Keeps the ticket's priority (which sets its SLA targets) and its entry area. Routing's derivations
 * share its per-ticket sequence: when one of them was applied first, this older event no longer sets
 * the area, but its priority is still taken — unless a reclassification, the only other event carrying
 * a priority, was applied first: the priority keeps its own position (`priorityPosition`). A batch's routings
 * are stored together at its end (three statements for all of them, as registrations are); since each is
 * guarded by its positions, a derivation or reclassification of the same batch applied before it leaves the
 * same ticket as applying them in order.
 */
@Injectable()
export class RecordRoutingUseCase {
  constructor(
    private readonly positions: EventPositions,
    private readonly tickets: TicketRepository,
    private readonly batchWork: EventBatchWork,
  ) {}

  handle(event: EventEnvelope<TicketRoutedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    batch.collect('routings', event, (events) => this.applyAll(events, tx, batch));
    return Promise.resolve();
  }

  private async applyAll(
    events: ReadonlyArray<EventEnvelope<TicketRoutedV1>>,
    tx: EntityManager,
    batch: BatchScope,
  ): Promise<void> {
    for (const run of distinctRuns(events, (event) => event.data.ticketId)) {
      const newest = await this.positions.advanceAll(
        tx,
        run.flatMap((event) => [positionOf(event), priorityPosition(event)]),
      );
      await this.tickets.saveRoutings(
        tx,
        run.map(({ data: routed }, i) => ({
          ticketId: routed.ticketId,
          number: routed.number,
          routedAt: new Date(routed.routedAt),
          ...(newest[2 * i + 1] ? { priority: routed.priority } : {}),
          ...(newest[2 * i] ? { area: routed.area } : {}),
        })),
      );
      for (const { data: routed } of run) {
        this.batchWork.appendStep(tx, batch, {
          ticketId: routed.ticketId,
          at: new Date(routed.routedAt),
          action: 'route',
          area: routed.area,
          by: null,
        });
        this.batchWork.refreshDueDates(tx, batch, routed.ticketId);
      }
    }
  }
}
