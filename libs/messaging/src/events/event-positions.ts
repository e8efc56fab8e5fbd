import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@cau/contracts';

/**
 * Per-ticket ordering guard. Each producer numbers its events per ticket (`sequence`); a consumer
 * applies a state change only when the event is newer than the last one it applied from that producer,
 * so a late redelivery or an out-of-order batch never overwrites newer state.
 */
export class EventPositions {
  constructor(private readonly schema: string) {}

  /** Records the event's position; returns false when a newer (or the same) event was already applied. */
  async advance(tx: EntityManager, event: Pick<EventEnvelope, 'ticketId' | 'source' | 'sequence'>): Promise<boolean> {
    if (!event.ticketId) return true;
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.schema}".event_positions (ticket_id, source, sequence) VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id, source) DO UPDATE SET sequence = EXCLUDED.sequence
       WHERE "${this.schema}".event_positions.sequence < EXCLUDED.sequence
       RETURNING 1`,
      [event.ticketId, event.source, event.sequence],
    );
    return rows.length > 0;
  }
}
