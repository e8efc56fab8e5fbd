import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import type { FieldAttention } from './field-attention.js';

interface AttentionRow {
  last_work_at: Date | null;
  signed_off_at: Date | null;
  conforme: boolean | null;
}

/** Resolution's copy of each field ticket's work and sign-off, from inventory's events. */
@Injectable()
export class FieldAttentionRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Keeps the latest work time: a redelivered or late event never moves it back. */
  async workDone(tx: EntityManager, ticketId: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".field_attentions (ticket_id, last_work_at) VALUES ($1, $2)
       ON CONFLICT (ticket_id) DO UPDATE
         SET last_work_at = GREATEST(field_attentions.last_work_at, EXCLUDED.last_work_at)`,
      [ticketId, at],
    );
  }

  /** The latest sign-off wins (a new one replaces the previous, as inventory keeps it). */
  async signedOff(tx: EntityManager, ticketId: string, at: Date, conforme: boolean): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".field_attentions (ticket_id, signed_off_at, conforme) VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id) DO UPDATE
         SET signed_off_at = EXCLUDED.signed_off_at, conforme = EXCLUDED.conforme
         WHERE field_attentions.signed_off_at IS NULL OR field_attentions.signed_off_at <= EXCLUDED.signed_off_at`,
      [ticketId, at, conforme],
    );
  }

  async find(tx: EntityManager, ticketId: string): Promise<FieldAttention | null> {
    const [row]: AttentionRow[] = await tx.query(
      `SELECT last_work_at, signed_off_at, conforme FROM "${this.s}".field_attentions WHERE ticket_id = $1`,
      [ticketId],
    );
    return row ? { lastWorkAt: row.last_work_at, signedOffAt: row.signed_off_at, conforme: row.conforme } : null;
  }
}
