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
    const [advanced] = await this.advanceAll(tx, [event]);
    return advanced!;
  }

  /**
   * `advance` for several positions in one statement (e.g. an event's position and that of one of its fields),
   * each answered in the order given. The positions must be of different (ticket, source) pairs.
   */
  async advanceAll(
    tx: EntityManager,
    positions: ReadonlyArray<Pick<EventEnvelope, 'ticketId' | 'source' | 'sequence'>>,
  ): Promise<boolean[]> {
    const keyed = positions.filter((p): p is typeof p & { ticketId: string } => Boolean(p.ticketId));
    if (keyed.length === 0) return positions.map(() => true);
    const rows: Array<{ ticket_id: string; source: string }> = await tx.query(
      `INSERT INTO "${this.schema}".event_positions (ticket_id, source, sequence)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[])
       ON CONFLICT (ticket_id, source) DO UPDATE SET sequence = EXCLUDED.sequence
       WHERE "${this.schema}".event_positions.sequence < EXCLUDED.sequence
       RETURNING ticket_id, source`,
      [keyed.map((p) => p.ticketId), keyed.map((p) => p.source), keyed.map((p) => p.sequence)],
    );
    const advanced = new Set(rows.map((r) => `${r.ticket_id.toLowerCase()}\u0000${r.source}`));
    return positions.map((p) => !p.ticketId || advanced.has(`${p.ticketId.toLowerCase()}\u0000${p.source}`));
  }
}
