import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql, type NotNull, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { InboundAttachmentV1, InboundMessageSummaryV1, InboundStatus } from '@cau/contracts';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { notificationsRows } from '../rows.js';
import type { InboundMessages } from '../rows.generated.js';
import type { InboundAttachment } from './mail-attachment.js';
import { requesterActorId } from './process-inbound-mail.use-case.js';

const SUMMARY_COLUMNS = [
  'id',
  'message_key',
  'source',
  'sender',
  'subject',
  'status',
  'reason',
  'outcome',
  'ticket_number',
  'attempts',
  'raw_size',
  'raw_complete',
  'received_at',
  'processed_at',
] as const;

type SummaryRow = Pick<Selectable<InboundMessages>, (typeof SUMMARY_COLUMNS)[number]>;

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

/** What a processed mail became. */
export type InboundOutcomeKind = 'ticket' | 'comment';

export interface InboundOutcome {
  outcome: InboundOutcomeKind;
  ticketId: string;
  ticketNumber: number;
}

/** The mails received by the inbound channel, raw, and what became of each. */
@Injectable()
export class InboundMessageRepository {
  private readonly db = notificationsRows;

  /** Keeps the mail unless one with the same key is kept already; true when this call stored it. */
  async store(tx: EntityManager, message: NewInboundMessage): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      this.db
        .insertInto('inbound_messages')
        .values({
          id: randomUUID(),
          message_key: message.messageKey,
          source: message.source,
          raw: message.raw,
          raw_size: message.rawSize,
          raw_complete: message.rawComplete,
        })
        .onConflict((conflict) => conflict.column('message_key').doNothing())
        .returning(sql<number>`1`.as('stored')),
    );
    return rows.length > 0;
  }

  /** The received mail that has waited longest and is due, locked so other workers and instances skip it. */
  async claimNextDue(tx: EntityManager): Promise<ClaimedInboundMessage | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('inbound_messages')
        .select(['id', 'message_key', 'source', 'raw', 'raw_complete', 'raw_size', 'attempts'])
        .where('status', '=', 'received')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('next_attempt_at')
        .orderBy('received_at')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    );
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
    await execute(
      tx,
      this.db.updateTable('inbound_messages').set({ sender, sender_name: senderName, subject }).where('id', '=', id),
    );
  }

  /** Positions of the mail's attachments recorded by an earlier attempt (committed with a retry's schedule). */
  async recordedPositions(tx: EntityManager, messageId: string): Promise<Set<number>> {
    const rows = await fetchRows(
      tx,
      this.db.selectFrom('inbound_attachments').select('position').where('message_id', '=', messageId),
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
      const rows = await fetchRows(
        tx,
        this.db
          .insertInto('inbound_attachments')
          .values({
            message_id: messageId,
            position: a.position,
            filename: a.filename,
            content_type: a.contentType,
            size_bytes: a.sizeBytes,
            stored: a.storageKey !== null,
            reason: a.reason,
            storage_key: a.storageKey,
            sha256: a.sha256,
            detected_type: a.detectedType,
          })
          .onConflict((conflict) => conflict.columns(['message_id', 'position']).doNothing())
          .returning('position'),
      );
      if (rows.length > 0) inserted.push(a.position);
    }
    return inserted;
  }

  /** What came attached to the ticket's processed mails, oldest first: metadata and storage keys, no bytes. */
  async attachmentsOfTicket(tx: EntityManager, ticketNumber: number): Promise<InboundAttachmentV1[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('inbound_attachments as a')
        .innerJoin('inbound_messages as m', 'm.id', 'a.message_id')
        .select([
          'a.id',
          'a.position',
          'a.filename',
          'a.detected_type',
          'a.size_bytes',
          'a.sha256',
          'a.storage_key',
          'a.reason',
          'm.sender',
          'm.sender_name',
          'm.processed_at',
        ])
        .where('m.ticket_number', '=', String(ticketNumber))
        .where('m.status', '=', 'processed')
        // A processed mail has its sender and the time it was processed.
        .$narrowType<{ sender: NotNull; processed_at: NotNull }>()
        .orderBy('m.processed_at')
        .orderBy('a.position'),
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
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('inbound_attachments')
        .select(['id', 'position', 'filename', 'content'])
        .where('content', 'is not', null)
        .where('storage_key', 'is', null)
        .$narrowType<{ content: NotNull }>()
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    );
    return rows.map((r) => ({ id: r.id, filename: r.filename ?? `adjunto-${r.position + 1}`, content: r.content }));
  }

  /** The row's bytes are in the store (`key`), or were refused (`key` null, `reason`); `content` is emptied. */
  async recordMoved(
    tx: EntityManager,
    id: string,
    moved: { key: string | null; sha256: string | null; detectedType: string | null; reason: string | null },
  ): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('inbound_attachments')
        .set((eb) => ({
          storage_key: moved.key,
          sha256: moved.sha256,
          detected_type: moved.detectedType,
          stored: moved.key !== null,
          reason: eb.fn.coalesce(eb.val(moved.reason), eb.ref('reason')),
          content: null,
        }))
        .where('id', '=', id),
    );
  }

  /** `note` says what of the mail could not be kept, or is null. */
  async markProcessed(tx: EntityManager, id: string, result: InboundOutcome, note: string | null): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('inbound_messages')
        .set((eb) => ({
          status: 'processed',
          outcome: result.outcome,
          ticket_id: result.ticketId,
          ticket_number: result.ticketNumber,
          reason: note,
          attempts: eb('attempts', '+', 1),
          processed_at: sql<Date>`clock_timestamp()`,
        }))
        .where('id', '=', id),
    );
  }

  /** Ignored (a robot, a loop) or failed for good: kept, with the reason, and never processed again on its own. */
  async settle(tx: EntityManager, id: string, status: 'ignored' | 'failed', reason: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('inbound_messages')
        .set((eb) => ({
          status,
          reason,
          attempts: eb('attempts', '+', 1),
          processed_at: sql<Date>`clock_timestamp()`,
        }))
        .where('id', '=', id),
    );
  }

  async scheduleRetry(tx: EntityManager, id: string, delayMs: number, reason: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('inbound_messages')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          reason,
          next_attempt_at: sql<Date>`clock_timestamp() + ${delayMs} * interval '1 millisecond'`,
        }))
        .where('id', '=', id),
    );
  }

  /** Newest first, optionally of one status. */
  async list(tx: EntityManager, status: InboundStatus | null, limit: number): Promise<InboundMessageSummaryV1[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('inbound_messages')
        .select(SUMMARY_COLUMNS)
        .$if(status !== null, (query) => query.where('status', '=', status!))
        .orderBy('received_at', 'desc')
        .orderBy('id')
        .limit(limit),
    );
    return rows.map(toSummary);
  }

  async find(tx: EntityManager, id: string): Promise<InboundMessageSummaryV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db.selectFrom('inbound_messages').select(SUMMARY_COLUMNS).where('id', '=', id),
    );
    return row ? toSummary(row) : null;
  }

  /** A failed mail back to `received`, due now, attempts from zero; null when the mail is not failed. */
  async retryFailed(tx: EntityManager, id: string): Promise<InboundMessageSummaryV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .updateTable('inbound_messages')
        .set({ status: 'received', attempts: 0, next_attempt_at: sql<Date>`now()`, processed_at: null })
        .where('id', '=', id)
        .where('status', '=', 'failed')
        .returning(SUMMARY_COLUMNS),
    );
    return row ? toSummary(row) : null;
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
