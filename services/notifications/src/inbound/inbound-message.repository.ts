import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InboundMessageSummaryV1, InboundStatus } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

interface SummaryRow {
  id: string;
  message_key: string;
  source: string;
  sender: string | null;
  subject: string | null;
  status: InboundStatus;
  reason: string | null;
  outcome: 'ticket' | 'comment' | null;
  ticket_number: string | null;
  attempts: number;
  raw_size: string;
  raw_complete: boolean;
  received_at: Date;
  processed_at: Date | null;
}

const SUMMARY_COLUMNS =
  'id, message_key, source, sender, subject, status, reason, outcome, ticket_number, attempts, raw_size, raw_complete, received_at, processed_at';

export interface NewInboundMessage {
  messageKey: string;
  /** The mailbox's display URL, or `smtp`. */
  source: string;
  raw: Buffer;
  rawSize: number;
  rawComplete: boolean;
}

export interface ClaimedInboundMessage {
  id: string;
  messageKey: string;
  source: string;
  raw: Buffer;
  rawComplete: boolean;
  rawSize: number;
  attempts: number;
}

export interface InboundAttachment {
  position: number;
  filename: string | null;
  contentType: string;
  sizeBytes: number;
  /** Null when not stored (`reason` says why). */
  content: Buffer | null;
  reason: string | null;
}

export interface InboundOutcome {
  outcome: 'ticket' | 'comment';
  ticketId: string;
  ticketNumber: number;
}

/** The mails received by the inbound channel, raw, and what became of each. */
@Injectable()
export class InboundMessageRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Keeps the mail unless one with the same key is kept already; true when this call stored it. */
  async store(tx: EntityManager, message: NewInboundMessage): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".inbound_messages (id, message_key, source, raw, raw_size, raw_complete)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (message_key) DO NOTHING
       RETURNING 1`,
      [randomUUID(), message.messageKey, message.source, message.raw, message.rawSize, message.rawComplete],
    );
    return rows.length > 0;
  }

  /** The received mail that has waited longest and is due, locked so other workers and instances skip it. */
  async claimNextDue(tx: EntityManager): Promise<ClaimedInboundMessage | null> {
    const rows: Array<{
      id: string;
      message_key: string;
      source: string;
      raw: Buffer;
      raw_complete: boolean;
      raw_size: string;
      attempts: number;
    }> = await tx.query(
      `SELECT id, message_key, source, raw, raw_complete, raw_size, attempts
       FROM "${this.s}".inbound_messages
       WHERE status = 'received' AND next_attempt_at <= now()
       ORDER BY next_attempt_at, received_at
       LIMIT 1
       FOR UPDATE SKIP LOCKED`,
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      messageKey: row.message_key,
      source: row.source,
      raw: row.raw,
      rawComplete: row.raw_complete,
      rawSize: Number(row.raw_size),
      attempts: row.attempts,
    };
  }

  async describe(tx: EntityManager, id: string, sender: string | null, subject: string | null): Promise<void> {
    await tx.query(`UPDATE "${this.s}".inbound_messages SET sender = $2, subject = $3 WHERE id = $1`, [
      id,
      sender,
      subject,
    ]);
  }

  /** Idempotent: a mail processed again after a crash finds its attachments already there. */
  async storeAttachments(tx: EntityManager, messageId: string, attachments: InboundAttachment[]): Promise<void> {
    for (const a of attachments) {
      await tx.query(
        `INSERT INTO "${this.s}".inbound_attachments
           (message_id, position, filename, content_type, size_bytes, content, stored, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (message_id, position) DO NOTHING`,
        [messageId, a.position, a.filename, a.contentType, a.sizeBytes, a.content, a.content !== null, a.reason],
      );
    }
  }

  /** `note` says what of the mail could not be kept, or is null. */
  async markProcessed(tx: EntityManager, id: string, result: InboundOutcome, note: string | null): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".inbound_messages
       SET status = 'processed', outcome = $2, ticket_id = $3, ticket_number = $4, reason = $5,
           attempts = attempts + 1, processed_at = clock_timestamp()
       WHERE id = $1`,
      [id, result.outcome, result.ticketId, result.ticketNumber, note],
    );
  }

  /** Ignored (a robot, a loop) or failed for good: kept, with the reason, and never processed again on its own. */
  async settle(tx: EntityManager, id: string, status: 'ignored' | 'failed', reason: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".inbound_messages
       SET status = $2, reason = $3, attempts = attempts + 1, processed_at = clock_timestamp()
       WHERE id = $1`,
      [id, status, reason],
    );
  }

  async scheduleRetry(tx: EntityManager, id: string, delayMs: number, reason: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".inbound_messages
       SET attempts = attempts + 1, reason = $3, next_attempt_at = clock_timestamp() + $2 * interval '1 millisecond'
       WHERE id = $1`,
      [id, delayMs, reason],
    );
  }

  /** Newest first, optionally of one status. */
  async list(tx: EntityManager, status: InboundStatus | null, limit: number): Promise<InboundMessageSummaryV1[]> {
    const rows: SummaryRow[] = await tx.query(
      `SELECT ${SUMMARY_COLUMNS} FROM "${this.s}".inbound_messages
       WHERE $1::text IS NULL OR status = $1
       ORDER BY received_at DESC, id
       LIMIT $2`,
      [status, limit],
    );
    return rows.map(toSummary);
  }

  async find(tx: EntityManager, id: string): Promise<InboundMessageSummaryV1 | null> {
    const rows: SummaryRow[] = await tx.query(
      `SELECT ${SUMMARY_COLUMNS} FROM "${this.s}".inbound_messages WHERE id = $1`,
      [id],
    );
    return rows[0] ? toSummary(rows[0]) : null;
  }

  /** A failed mail back to `received`, due now, attempts from zero; null when the mail is not failed. */
  async retryFailed(tx: EntityManager, id: string): Promise<InboundMessageSummaryV1 | null> {
    const rows: SummaryRow[] = await tx.query(
      `WITH retried AS (
         UPDATE "${this.s}".inbound_messages
         SET status = 'received', attempts = 0, next_attempt_at = now(), processed_at = NULL
         WHERE id = $1 AND status = 'failed'
         RETURNING ${SUMMARY_COLUMNS})
       SELECT * FROM retried`,
      [id],
    );
    return rows[0] ? toSummary(rows[0]) : null;
  }
}

function toSummary(row: SummaryRow): InboundMessageSummaryV1 {
  return {
    id: row.id,
    messageKey: row.message_key,
    source: row.source,
    sender: row.sender,
    subject: row.subject,
    status: row.status,
    reason: row.reason,
    outcome: row.outcome,
    ticketNumber: row.ticket_number === null ? null : Number(row.ticket_number),
    attempts: row.attempts,
    sizeBytes: Number(row.raw_size),
    complete: row.raw_complete,
    receivedAt: row.received_at.toISOString(),
    processedAt: row.processed_at?.toISOString() ?? null,
  };
}
