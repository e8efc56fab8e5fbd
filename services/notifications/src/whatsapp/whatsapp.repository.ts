import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  InboundAttachmentV1,
  WhatsappDeliveryStatus,
  WhatsappDeliverySummaryV1,
  WhatsappInboundMessageV1,
  WhatsappStatusV1,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { requesterActorId } from '../inbound/process-inbound-mail.use-case.js';
import type { MediaRefusal, MessageMedia } from './whatsapp-media.js';

export interface ClaimedWhatsappMessage {
  id: string;
  waMessageId: string;
  sender: string;
  profileName: string | null;
  type: string;
  /** The text, or a media message's caption. */
  body: string | null;
  /** The file of a media message; null for other types. */
  media: MessageMedia | null;
  sentAt: Date;
  attempts: number;
}

/** A media message's file as recorded: kept (`storageKey`) or refused, with why. */
export interface WhatsappAttachmentRecord {
  fileName: string;
  declaredType: string | null;
  sizeBytes: number;
  storageKey: string | null;
  sha256: string | null;
  detectedType: string | null;
  refusal: MediaRefusal | null;
  reason: string | null;
}

export interface WhatsappContact {
  phone: string;
  requesterEmail: string;
  requesterName: string;
  openTicketId: string | null;
  openTicketNumber: number | null;
}

export interface NewWhatsappDelivery {
  eventId: string;
  recipient: string;
  kind: string;
  template: string;
  language: string;
  parameters: string[];
  ticketId: string | null;
  ticketNumber: number | null;
}

export interface ClaimedWhatsappDelivery {
  id: string;
  recipient: string;
  kind: string;
  template: string;
  language: string;
  parameters: string[];
  ticketNumber: number | null;
  attempts: number;
  /** When a sender that then died handed this message to WhatsApp; null if never attempted that way. */
  unfinishedAttemptAt: Date | null;
}

interface SummaryRow {
  id: string;
  recipient: string;
  kind: string;
  template: string;
  ticket_number: string | null;
  status: WhatsappDeliveryStatus;
  delivery_state: string | null;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const SUMMARY_COLUMNS =
  'id, recipient, kind, template, ticket_number, status, delivery_state, attempts, last_error, created_at, sent_at';

/** The WhatsApp channel's rows: messages received, contacts, and template messages sent. */
@Injectable()
export class WhatsappRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Keeps the message unless one with its WhatsApp id is kept already; true when this call stored it. */
  async store(tx: EntityManager, message: WhatsappInboundMessageV1): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".whatsapp_messages
         (id, wa_message_id, sender, profile_name, message_type, body, sent_at,
          media_id, media_mime_type, media_sha256, media_file_name)
       VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7::bigint), $8, $9, $10, $11)
       ON CONFLICT (wa_message_id) DO NOTHING
       RETURNING 1`,
      [
        randomUUID(),
        message.id,
        message.from,
        message.profileName ?? null,
        message.type,
        message.text ?? null,
        message.timestamp,
        message.media?.id ?? null,
        message.media?.mimeType ?? null,
        message.media?.sha256 ?? null,
        message.media?.fileName ?? null,
      ],
    );
    return rows.length > 0;
  }

  async claimNextMessage(tx: EntityManager): Promise<ClaimedWhatsappMessage | null> {
    const rows: Array<{
      id: string;
      wa_message_id: string;
      sender: string;
      profile_name: string | null;
      message_type: string;
      body: string | null;
      sent_at: Date;
      media_id: string | null;
      media_mime_type: string | null;
      media_sha256: string | null;
      media_file_name: string | null;
      attempts: number;
    }> = await tx.query(
      `SELECT id, wa_message_id, sender, profile_name, message_type, body, sent_at,
              media_id, media_mime_type, media_sha256, media_file_name, attempts
       FROM "${this.s}".whatsapp_messages
       WHERE status = 'received' AND next_attempt_at <= now()
       ORDER BY next_attempt_at, sent_at, received_at
       LIMIT 1
       FOR UPDATE SKIP LOCKED`,
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      waMessageId: row.wa_message_id,
      sender: row.sender,
      profileName: row.profile_name,
      type: row.message_type,
      body: row.body,
      media:
        row.media_id === null
          ? null
          : {
              id: row.media_id,
              mimeType: row.media_mime_type,
              sha256: row.media_sha256,
              fileName: row.media_file_name,
            },
      sentAt: row.sent_at,
      attempts: row.attempts,
    };
  }

  /** The file of the message as an earlier attempt recorded it (committed with that attempt's retry), if any. */
  async attachmentOf(tx: EntityManager, messageId: string): Promise<WhatsappAttachmentRecord | null> {
    const rows: AttachmentRow[] = await tx.query(
      `SELECT file_name, declared_type, size_bytes, storage_key, sha256, detected_type, refusal, reason
       FROM "${this.s}".whatsapp_attachments WHERE message_id = $1`,
      [messageId],
    );
    return rows[0] ? toAttachment(rows[0]) : null;
  }

  /**
   * Records the message's file, in the claim's transaction: the claim's row lock keeps any other attempt
   * out, so there is never a row already (the unique key would fail the attempt, not add a second one).
   */
  async recordAttachment(
    tx: EntityManager,
    messageId: string,
    attachment: WhatsappAttachmentRecord,
    requester: { email: string; name: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".whatsapp_attachments
         (id, message_id, file_name, declared_type, size_bytes, storage_key, sha256, detected_type, refusal, reason,
          requester_email, requester_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        randomUUID(),
        messageId,
        attachment.fileName,
        attachment.declaredType,
        attachment.sizeBytes,
        attachment.storageKey,
        attachment.sha256,
        attachment.detectedType,
        attachment.refusal,
        attachment.reason,
        requester.email.toLowerCase(),
        requester.name,
      ],
    );
  }

  /** Files of the ticket's processed WhatsApp messages, oldest first: metadata and storage keys, no bytes. */
  async attachmentsOfTicket(tx: EntityManager, ticketNumber: number): Promise<InboundAttachmentV1[]> {
    const rows: Array<{
      id: string;
      file_name: string;
      detected_type: string | null;
      size_bytes: string;
      sha256: string | null;
      storage_key: string | null;
      reason: string | null;
      requester_email: string;
      requester_name: string;
      processed_at: Date;
    }> = await tx.query(
      `SELECT a.id, a.file_name, a.detected_type, a.size_bytes, a.sha256, a.storage_key, a.reason,
              a.requester_email, a.requester_name, m.processed_at
       FROM "${this.s}".whatsapp_attachments a
       JOIN "${this.s}".whatsapp_messages m ON m.id = a.message_id
       WHERE m.ticket_number = $1 AND m.status = 'processed'
       ORDER BY m.processed_at, a.id`,
      [ticketNumber],
    );
    return rows.map((r) => ({
      id: r.id,
      source: 'whatsapp',
      fileName: r.file_name,
      contentType: r.storage_key === null ? null : r.detected_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.storage_key === null ? null : r.sha256,
      storageKey: r.storage_key,
      reason: r.storage_key === null ? (r.reason ?? 'not stored') : null,
      sender: r.requester_email,
      senderName: r.requester_name,
      senderActorId: requesterActorId(r.requester_email),
      addedAt: r.processed_at.toISOString(),
    }));
  }

  async markProcessed(
    tx: EntityManager,
    id: string,
    result: { outcome: 'ticket' | 'comment'; ticketId: string; ticketNumber: number },
  ): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".whatsapp_messages
       SET status = 'processed', outcome = $2, ticket_id = $3, ticket_number = $4, reason = NULL,
           attempts = attempts + 1, processed_at = clock_timestamp()
       WHERE id = $1`,
      [id, result.outcome, result.ticketId, result.ticketNumber],
    );
  }

  async settle(tx: EntityManager, id: string, status: 'unknown' | 'failed', reason: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".whatsapp_messages
       SET status = $2, reason = $3, attempts = attempts + 1, processed_at = clock_timestamp(),
           body = CASE WHEN $2 = 'unknown' THEN NULL ELSE body END,
           profile_name = CASE WHEN $2 = 'unknown' THEN NULL ELSE profile_name END,
           media_id = CASE WHEN $2 = 'unknown' THEN NULL ELSE media_id END,
           media_mime_type = CASE WHEN $2 = 'unknown' THEN NULL ELSE media_mime_type END,
           media_sha256 = CASE WHEN $2 = 'unknown' THEN NULL ELSE media_sha256 END,
           media_file_name = CASE WHEN $2 = 'unknown' THEN NULL ELSE media_file_name END
       WHERE id = $1`,
      [id, status, reason],
    );
  }

  async scheduleMessageRetry(tx: EntityManager, id: string, delayMs: number, reason: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".whatsapp_messages
       SET attempts = attempts + 1, reason = $3, next_attempt_at = clock_timestamp() + $2 * interval '1 millisecond'
       WHERE id = $1`,
      [id, delayMs, reason],
    );
  }

  async contact(tx: EntityManager, phone: string): Promise<WhatsappContact | null> {
    const rows: ContactRow[] = await tx.query(`SELECT * FROM "${this.s}".whatsapp_contacts WHERE phone = $1`, [phone]);
    return rows[0] ? toContact(rows[0]) : null;
  }

  /** The numbers a requester wrote to us from: where their tickets' notices go. */
  async contactsOf(tx: EntityManager, requesterEmail: string): Promise<WhatsappContact[]> {
    const rows: ContactRow[] = await tx.query(
      `SELECT * FROM "${this.s}".whatsapp_contacts WHERE requester_email = $1 ORDER BY phone`,
      [requesterEmail.toLowerCase()],
    );
    return rows.map(toContact);
  }

  /** The number belongs to this requester, and their WhatsApp messages now go to this ticket. */
  async linkContact(
    tx: EntityManager,
    contact: { phone: string; requesterEmail: string; requesterName: string },
    ticket: { ticketId: string; ticketNumber: number },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".whatsapp_contacts
         (phone, requester_email, requester_name, open_ticket_id, open_ticket_number)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (phone) DO UPDATE
       SET requester_email = EXCLUDED.requester_email, requester_name = EXCLUDED.requester_name,
           open_ticket_id = EXCLUDED.open_ticket_id, open_ticket_number = EXCLUDED.open_ticket_number,
           last_message_at = now()`,
      [
        contact.phone,
        contact.requesterEmail.toLowerCase(),
        contact.requesterName,
        ticket.ticketId,
        ticket.ticketNumber,
      ],
    );
  }

  /** The ticket was closed (or merged away): the next message of its numbers opens a new one. */
  async forgetOpenTicket(tx: EntityManager, ticketId: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".whatsapp_contacts SET open_ticket_id = NULL, open_ticket_number = NULL
       WHERE open_ticket_id = $1`,
      [ticketId],
    );
  }

  /** Records WhatsApp's report on messages we sent; statuses of messages we do not know are ignored. */
  async recordStatuses(tx: EntityManager, statuses: readonly WhatsappStatusV1[]): Promise<number> {
    let matched = 0;
    for (const status of statuses) {
      const rows: unknown[] = await tx.query(
        `UPDATE "${this.s}".whatsapp_deliveries
         SET delivery_state = $2,
             last_error = CASE WHEN $2 = 'failed' THEN coalesce($3, 'WhatsApp reported the message failed') ELSE last_error END
         WHERE wa_message_id = $1
         RETURNING 1`,
        [status.id, status.status, status.error ?? null],
      );
      matched += rows.length;
    }
    return matched;
  }

  // ── outgoing template messages ──────────────────────────────────────────────────────────────────

  /** Adds a pending message unless this event already gave one to this number; returns whether it was added. */
  async insertPending(tx: EntityManager, delivery: NewWhatsappDelivery): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".whatsapp_deliveries
         (id, event_id, recipient, kind, template, language, parameters, ticket_id, ticket_number)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (event_id, recipient) DO NOTHING
       RETURNING 1`,
      [
        randomUUID(),
        delivery.eventId,
        delivery.recipient,
        delivery.kind,
        delivery.template,
        delivery.language,
        JSON.stringify(delivery.parameters),
        delivery.ticketId,
        delivery.ticketNumber,
      ],
    );
    return rows.length > 0;
  }

  async claimDue(tx: EntityManager, limit: number): Promise<ClaimedWhatsappDelivery[]> {
    const rows: Array<{
      id: string;
      recipient: string;
      kind: string;
      template: string;
      language: string;
      parameters: string[];
      ticket_number: string | null;
      attempts: number;
      attempt_started_at: Date | null;
    }> = await tx.query(
      `SELECT d.id, d.recipient, d.kind, d.template, d.language, d.parameters, d.ticket_number, d.attempts,
              a.started_at AS attempt_started_at
       FROM "${this.s}".whatsapp_deliveries d
       LEFT JOIN "${this.s}".whatsapp_delivery_attempts a ON a.delivery_id = d.id
       WHERE d.status = 'pending' AND d.next_attempt_at <= now()
       ORDER BY d.next_attempt_at, d.created_at
       LIMIT $1
       FOR UPDATE OF d SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      recipient: row.recipient,
      kind: row.kind,
      template: row.template,
      language: row.language,
      parameters: row.parameters,
      ticketNumber: row.ticket_number === null ? null : Number(row.ticket_number),
      attempts: row.attempts,
      unfinishedAttemptAt: row.attempt_started_at,
    }));
  }

  /** Committed before the request leaves (outside the claim's transaction), so it survives a crash mid-send. */
  async recordAttempts(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.runtime.dataSource.query(
      `INSERT INTO "${this.s}".whatsapp_delivery_attempts (delivery_id) SELECT unnest($1::uuid[])
       ON CONFLICT (delivery_id) DO UPDATE SET started_at = clock_timestamp()`,
      [ids],
    );
  }

  async settleAttempts(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(`DELETE FROM "${this.s}".whatsapp_delivery_attempts WHERE delivery_id = ANY($1::uuid[])`, [ids]);
  }

  async markSent(tx: EntityManager, id: string, waMessageId: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".whatsapp_deliveries
       SET status = 'sent', attempts = attempts + 1, sent_at = clock_timestamp(), wa_message_id = nullif($2, ''),
           last_error = NULL
       WHERE id = $1`,
      [id, waMessageId],
    );
  }

  async markDeliveryRetry(tx: EntityManager, id: string, delayMs: number, error: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".whatsapp_deliveries
       SET attempts = attempts + 1, next_attempt_at = clock_timestamp() + $2 * interval '1 millisecond', last_error = $3
       WHERE id = $1`,
      [id, delayMs, error],
    );
  }

  /** Refused for good, out of attempts, or of unknown outcome (`uncertain`): left to an administrator. */
  async markDeliveryEnded(
    tx: EntityManager,
    id: string,
    status: 'failed' | 'uncertain',
    error: string,
    countAttempt = true,
  ): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".whatsapp_deliveries
       SET status = $2, attempts = attempts + $4, last_error = $3
       WHERE id = $1`,
      [id, status, error, countAttempt ? 1 : 0],
    );
  }

  async list(
    tx: EntityManager,
    status: WhatsappDeliveryStatus | null,
    limit: number,
  ): Promise<WhatsappDeliverySummaryV1[]> {
    const rows: SummaryRow[] = await tx.query(
      `SELECT ${SUMMARY_COLUMNS} FROM "${this.s}".whatsapp_deliveries
       WHERE $1::text IS NULL OR status = $1
       ORDER BY created_at DESC, id
       LIMIT $2`,
      [status, limit],
    );
    return rows.map(toSummary);
  }

  /** A failed or uncertain message back in the queue, due now, attempts from zero; null when it is neither. */
  async retryFailed(tx: EntityManager, id: string): Promise<WhatsappDeliverySummaryV1 | null> {
    const rows: SummaryRow[] = await tx.query(
      `WITH retried AS (
         UPDATE "${this.s}".whatsapp_deliveries
         SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL
         WHERE id = $1 AND status IN ('failed', 'uncertain')
         RETURNING ${SUMMARY_COLUMNS})
       SELECT * FROM retried`,
      [id],
    );
    return rows[0] ? toSummary(rows[0]) : null;
  }

  /** An "unknown number" answer was queued to this number in the last day: do not answer every message. */
  async answeredUnknownRecently(tx: EntityManager, phone: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM "${this.s}".whatsapp_deliveries
       WHERE recipient = $1 AND kind = 'unknown-number' AND created_at > now() - interval '1 day'
       LIMIT 1`,
      [phone],
    );
    return rows.length > 0;
  }

  async exists(tx: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM "${this.s}".whatsapp_deliveries WHERE id = $1`, [id]);
    return rows.length > 0;
  }
}

interface AttachmentRow {
  file_name: string;
  declared_type: string | null;
  size_bytes: string;
  storage_key: string | null;
  sha256: string | null;
  detected_type: string | null;
  refusal: MediaRefusal | null;
  reason: string | null;
}

function toAttachment(row: AttachmentRow): WhatsappAttachmentRecord {
  return {
    fileName: row.file_name,
    declaredType: row.declared_type,
    sizeBytes: Number(row.size_bytes),
    storageKey: row.storage_key,
    sha256: row.sha256,
    detectedType: row.detected_type,
    refusal: row.refusal,
    reason: row.reason,
  };
}

interface ContactRow {
  phone: string;
  requester_email: string;
  requester_name: string;
  open_ticket_id: string | null;
  open_ticket_number: string | null;
}

function toContact(row: ContactRow): WhatsappContact {
  return {
    phone: row.phone,
    requesterEmail: row.requester_email,
    requesterName: row.requester_name,
    openTicketId: row.open_ticket_id,
    openTicketNumber: row.open_ticket_number === null ? null : Number(row.open_ticket_number),
  };
}

function toSummary(row: SummaryRow): WhatsappDeliverySummaryV1 {
  return {
    id: row.id,
    recipient: row.recipient,
    kind: row.kind,
    template: row.template,
    ticketNumber: row.ticket_number === null ? null : Number(row.ticket_number),
    status: row.status,
    deliveryState: row.delivery_state,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}
