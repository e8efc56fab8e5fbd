import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TicketRoutedV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

/** Resolution's own copy of the ticket fields it needs, fed by `ticket.routed`. */
@Injectable()
export class TicketRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async upsertRouting(tx: EntityManager, routed: TicketRoutedV1): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".tickets (ticket_id, number, area, priority, routed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id) DO UPDATE
         SET area = EXCLUDED.area, priority = EXCLUDED.priority, routed_at = EXCLUDED.routed_at, updated_at = now()`,
      [routed.ticketId, routed.number, routed.area, routed.priority, routed.routedAt],
    );
  }
}
