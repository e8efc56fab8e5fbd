import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SlaTarget } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

export interface DueBreach {
  ticketId: string;
  number: number;
  area: string;
  target: SlaTarget;
  dueAt: Date;
}

/**
 * A target is breached when its due date has passed and it was not met by then: not met yet, or met
 * late. While the clock stands still (waiting on the requester) there is no breach unless the due date
 * came before the wait began. Resolution counts as met while the ticket is resolved or closed. A merged
 * duplicate is never breached: its targets passed to its original.
 */
const RESPONSE_BREACHED = `
  t.response_due_at < $1
  AND t.status <> 'fusionado'
  AND (t.response_met_at IS NULL OR t.response_met_at > t.response_due_at)
  AND (t.waiting_since IS NULL OR t.response_due_at <= t.waiting_since)
  AND NOT EXISTS (SELECT 1 FROM "{s}".sla_breaches b WHERE b.ticket_id = t.ticket_id AND b.target = 'response')`;
const RESOLUTION_BREACHED = `
  t.resolution_due_at < $1
  AND t.status <> 'fusionado'
  AND (t.status NOT IN ('resuelto', 'cerrado') OR t.resolved_at > t.resolution_due_at)
  AND (t.waiting_since IS NULL OR t.resolution_due_at <= t.waiting_since)
  AND NOT EXISTS (SELECT 1 FROM "{s}".sla_breaches b WHERE b.ticket_id = t.ticket_id AND b.target = 'resolution')`;

/** Breaches of the service levels: found, claimed and recorded once per ticket and target. */
@Injectable()
export class SlaBreachRepository {
  private readonly response: string;
  private readonly resolution: string;
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
    this.response = RESPONSE_BREACHED.replaceAll('{s}', this.s);
    this.resolution = RESOLUTION_BREACHED.replaceAll('{s}', this.s);
  }

  /**
   * Tickets of the given areas (`null`: of every area) with a breached target, locked for this transaction. Rows another
   * instance is handling are skipped, so several sweepers split the work instead of queueing on it.
   */
  async claimBreached(
    tx: EntityManager,
    now: Date,
    areas: readonly string[] | null,
    limit: number,
  ): Promise<DueBreach[]> {
    const rows: Array<{
      ticket_id: string;
      number: string;
      area: string;
      response_due_at: Date;
      resolution_due_at: Date;
      response: boolean;
      resolution: boolean;
    }> = await tx.query(
      `SELECT t.ticket_id, t.number, t.area, t.response_due_at, t.resolution_due_at,
              (${this.response}) AS response, (${this.resolution}) AS resolution
       FROM "${this.s}".tickets t
       WHERE ($2::text[] IS NULL OR t.area = ANY($2::text[])) AND ((${this.response}) OR (${this.resolution}))
       ORDER BY t.ticket_id
       LIMIT $3
       FOR UPDATE OF t SKIP LOCKED`,
      [now, areas, limit],
    );
    return rows.flatMap((r) => {
      const base = { ticketId: r.ticket_id, number: Number(r.number), area: r.area };
      const found: DueBreach[] = [];
      if (r.response) found.push({ ...base, target: 'response', dueAt: r.response_due_at });
      if (r.resolution) found.push({ ...base, target: 'resolution', dueAt: r.resolution_due_at });
      return found;
    });
  }

  /** Records the breaches and marks their tickets overdue; returns only those recorded by this call. */
  async record(tx: EntityManager, breaches: readonly DueBreach[], detectedAt: Date): Promise<DueBreach[]> {
    if (breaches.length === 0) return [];
    const inserted: Array<{ ticket_id: string; target: SlaTarget }> = await tx.query(
      `INSERT INTO "${this.s}".sla_breaches (ticket_id, target, due_at, detected_at)
       SELECT d.ticket_id, d.target, d.due_at, $4 FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS d (ticket_id, target, due_at)
       ON CONFLICT (ticket_id, target) DO NOTHING
       RETURNING ticket_id, target`,
      [breaches.map((b) => b.ticketId), breaches.map((b) => b.target), breaches.map((b) => b.dueAt), detectedAt],
    );
    const recorded = new Set(inserted.map((r) => `${r.ticket_id}:${r.target}`));
    const fresh = breaches.filter((b) => recorded.has(`${b.ticketId}:${b.target}`));
    await tx.query(
      `UPDATE "${this.s}".tickets SET overdue = true, updated_at = now() WHERE ticket_id = ANY($1::uuid[])`,
      [[...new Set(fresh.map((b) => b.ticketId))]],
    );
    return fresh;
  }
}
