import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import type { ClaimedDelivery, DeliveryKind, NewDelivery } from './delivery.js';

interface ClaimedRow {
  id: string;
  kind: DeliveryKind;
  recipient: string;
  ticket_number: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  attempts: number;
  created_at: Date;
}

/** The mails of the notifications schema: written by use cases, claimed and settled by the sender. */
@Injectable()
export class DeliveryRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** The channel the sender listens on; a notification arrives when a transaction that added a mail commits. */
  get notifyChannel(): string {
    return `cau_deliveries_${this.s}`;
  }

  /** Adds a pending mail unless this event already gave one to this recipient; returns whether it was added. */
  async insertPending(tx: EntityManager, delivery: NewDelivery): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".deliveries
         (id, event_id, recipient, kind, language, ticket_id, ticket_number, subject, text_body, html_body, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [
        delivery.id,
        delivery.eventId,
        delivery.recipient,
        delivery.kind,
        delivery.language,
        delivery.ticketId,
        delivery.ticketNumber,
        delivery.subject,
        delivery.text,
        delivery.html,
        delivery.messageId,
      ],
    );
    if (inserted.length === 0) return false;
    await tx.query('SELECT pg_notify($1, $2)', [this.notifyChannel, '']);
    return true;
  }

  /**
   * Locks the pending mail that has waited longest, skipping those other senders hold, so several
   * instances share the work without sending a mail twice. The lock lasts until `tx` ends.
   */
  async claimNextDue(tx: EntityManager): Promise<ClaimedDelivery | null> {
    const rows: ClaimedRow[] = await tx.query(
      `SELECT id, kind, recipient, ticket_number, subject, text_body, html_body, message_id, attempts, created_at
       FROM "${this.s}".deliveries
       WHERE status = 'pending' AND next_attempt_at <= now()
       ORDER BY next_attempt_at, created_at
       LIMIT 1
       FOR UPDATE SKIP LOCKED`,
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      kind: row.kind,
      recipient: row.recipient,
      ticketNumber: row.ticket_number === null ? null : Number(row.ticket_number),
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      messageId: row.message_id,
      attempts: row.attempts,
      createdAt: row.created_at,
    };
  }

  async markSent(tx: EntityManager, id: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".deliveries
       SET status = 'sent', attempts = attempts + 1, sent_at = clock_timestamp()
       WHERE id = $1`,
      [id],
    );
  }

  /** Keeps the mail pending and due again after `delayMs` (measured from now, not from the claim). */
  async scheduleRetry(tx: EntityManager, id: string, delayMs: number, error: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".deliveries
       SET attempts = attempts + 1, next_attempt_at = clock_timestamp() + $2 * interval '1 millisecond', last_error = $3
       WHERE id = $1`,
      [id, delayMs, error],
    );
  }

  async markFailed(tx: EntityManager, id: string, error: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".deliveries SET status = 'failed', attempts = attempts + 1, last_error = $2 WHERE id = $1`,
      [id, error],
    );
  }
}
