import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InboundAttachmentV1, InboundMessageSummaryV1, InboundStatus } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { InboundAttachment } from './mail-attachment.js';
import { requesterActorId } from './process-inbound-mail.use-case.js';

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

/** An attachment as recorded: its key once its bytes are in the attachment store. */
export interface RecordedAttachment extends InboundAttachment {
  storageKey: string | null;
}

/** A row written before the attachment store, whose bytes are still in `content`. */
export interface UnmovedAttachment {
  id: string;
  filename: string;
  content: Buffer;
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

  async describe(
    tx: EntityManager,
    id: string,
    sender: string | null,
    senderName: string | null,
    subject: string | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".inbound_messages SET sender = $2, sender_name = $3, subject = $4 WHERE id = $1`,
      [id, sender, senderName, subject],
    );
  }

  /** Positions of the mail's attachments recorded by an earlier attempt (committed with a retry's schedule). */
  async recordedPositions(tx: EntityManager, messageId: string): Promise<Set<number>> {
    const rows: Array<{ position: number }> = await tx.query(
      `SELECT position FROM "${this.s}".inbound_attachments WHERE message_id = $1`,
      [messageId],
    );
    return new Set(rows.map((r) => r.position));
  }

  /**
   * Idempotent: a mail processed again finds its attachments already there. Returns the positions this
   * call inserted, so the caller deletes the bytes of any other it stored.
   */
  async storeAttachments(tx: EntityManager, messageId: string, attachments: RecordedAttachment[]): Promise<number[]> {
    const inserted: number[] = [];
    for (const a of attachments) {
      const rows: Array<{ position: number }> = await tx.query(
        `INSERT INTO "${this.s}".inbound_attachments
           (message_id, position, filename, content_type, size_bytes, stored, reason, storage_key, sha256, detected_type)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (message_id, position) DO NOTHING
         RETURNING position`,
        [
          messageId,
          a.position,
          a.filename,
          a.contentType,
          a.sizeBytes,
          a.storageKey !== null,
          a.reason,
          a.storageKey,
          a.sha256,
          a.detectedType,
        ],
      );
      if (rows.length > 0) inserted.push(a.position);
    }
    return inserted;
  }

  /** What came attached to the ticket's processed mails, oldest first: metadata and storage keys, no bytes. */
  async attachmentsOfTicket(tx: EntityManager, ticketNumber: number): Promise<InboundAttachmentV1[]> {
    const rows: Array<{
      id: string;
      position: number;
      filename: string | null;
      detected_type: string | null;
      size_bytes: string;
      sha256: string | null;
      storage_key: string | null;
      reason: string | null;
      sender: string;
      sender_name: string | null;
      processed_at: Date;
    }> = await tx.query(
      `SELECT a.id, a.position, a.filename, a.detected_type, a.size_bytes, a.sha256, a.storage_key, a.reason,
              m.sender, m.sender_name, m.processed_at
       FROM "${this.s}".inbound_attachments a
       JOIN "${this.s}".inbound_messages m ON m.id = a.message_id
       WHERE m.ticket_number = $1 AND m.status = 'processed'
       ORDER BY m.processed_at, a.position`,
      [ticketNumber],
    );
    return rows.map((r) => ({
      id: r.id,
      source: 'mail',
      fileName: r.filename ?? `adjunto-${r.position + 1}`,
      contentType: r.storage_key === null ? null : r.detected_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.storage_key === null ? null : r.sha256,
      storageKey: r.storage_key,
      reason: r.storage_key === null ? (r.reason ?? 'not stored') : null,
      sender: r.sender,
      senderName: r.sender_name ?? r.sender,
      senderActorId: requesterActorId(r.sender),
      addedAt: r.processed_at.toISOString(),
    }));
  }

  /** Rows written before the attachment store with their bytes still in `content`, locked for the backfill. */
  async claimUnmoved(tx: EntityManager, limit: number): Promise<UnmovedAttachment[]> {
    const rows: Array<{ id: string; position: number; filename: string | null; content: Buffer }> = await tx.query(
      `SELECT id, position, filename, content FROM "${this.s}".inbound_attachments
       WHERE content IS NOT NULL AND storage_key IS NULL
       LIMIT $1
       FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, filename: r.filename ?? `adjunto-${r.position + 1}`, content: r.content }));
  }

  /** The row's bytes are in the store (`key`), or were refused (`key` null, `reason`); `content` is emptied. */
  async recordMoved(
    tx: EntityManager,
    id: string,
    moved: { key: string | null; sha256: string | null; detectedType: string | null; reason: string | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".inbound_attachments
       SET storage_key = $2::text, sha256 = $3, detected_type = $4, stored = $2::text IS NOT NULL,
           reason = COALESCE($5, reason), content = NULL
       WHERE id = $1`,
      [id, moved.key, moved.sha256, moved.detectedType, moved.reason],
    );
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
