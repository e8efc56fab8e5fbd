import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql, type NotNull, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type {
  InboundAttachmentV1,
  WhatsappDeliveryStatus,
  WhatsappDeliverySummaryV1,
  WhatsappInboundMessageV1,
  WhatsappStatusV1,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { requesterActorId } from '../inbound/process-inbound-mail.use-case.js';
import { notificationsRows } from '../rows.js';
import type { WhatsappAttachments, WhatsappContacts, WhatsappDeliveries } from '../rows.generated.js';
import type { MediaRefusal, MessageMedia } from './whatsapp-media.js';

/** received → processed (a ticket or a comment) | unknown (a number of no requester) | failed (out of attempts). */
export type WhatsappMessageStatus = 'received' | 'processed' | 'unknown' | 'failed';

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

const SUMMARY_COLUMNS = [
  'id',
  'recipient',
  'kind',
  'template',
  'ticket_number',
  'status',
  'delivery_state',
  'attempts',
  'last_error',
  'created_at',
  'sent_at',
] as const;

type SummaryRow = Pick<Selectable<WhatsappDeliveries>, (typeof SUMMARY_COLUMNS)[number]>;

const ATTACHMENT_COLUMNS = [
  'file_name',
  'declared_type',
  'size_bytes',
  'storage_key',
  'sha256',
  'detected_type',
  'refusal',
  'reason',
] as const;

type AttachmentRow = Pick<Selectable<WhatsappAttachments>, (typeof ATTACHMENT_COLUMNS)[number]>;

const CONTACT_COLUMNS = ['phone', 'requester_email', 'requester_name', 'open_ticket_id', 'open_ticket_number'] as const;

type ContactRow = Pick<Selectable<WhatsappContacts>, (typeof CONTACT_COLUMNS)[number]>;

/** The WhatsApp channel's rows: messages received, contacts, and template messages sent. */
@Injectable()
export class WhatsappRepository {
  private readonly db = notificationsRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Keeps the message unless one with its WhatsApp id is kept already; true when this call stored it. */
  async store(tx: EntityManager, message: WhatsappInboundMessageV1): Promise<boolean> {
    const stored = await fetchRows(
      tx,
      this.db
        .insertInto('whatsapp_messages')
        .values({
          id: randomUUID(),
          wa_message_id: message.id,
          sender: message.from,
          profile_name: message.profileName ?? null,
          message_type: message.type,
          body: message.text ?? null,
          sent_at: sql<Date>`to_timestamp(${message.timestamp}::bigint)`,
          media_id: message.media?.id ?? null,
          media_mime_type: message.media?.mimeType ?? null,
          media_sha256: message.media?.sha256 ?? null,
          media_file_name: message.media?.fileName ?? null,
        })
        .onConflict((conflict) => conflict.column('wa_message_id').doNothing())
        .returning(sql<number>`1`.as('stored')),
    );
    return stored.length > 0;
  }

  async claimNextMessage(tx: EntityManager): Promise<ClaimedWhatsappMessage | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('whatsapp_messages')
        .select([
          'id',
          'wa_message_id',
          'sender',
          'profile_name',
          'message_type',
          'body',
          'sent_at',
          'media_id',
          'media_mime_type',
          'media_sha256',
          'media_file_name',
          'attempts',
        ])
        .where('status', '=', 'received')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('next_attempt_at')
        .orderBy('sent_at')
        .orderBy('received_at')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    );
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
    const row = await fetchFirst(
      tx,
      this.db.selectFrom('whatsapp_attachments').select(ATTACHMENT_COLUMNS).where('message_id', '=', messageId),
    );
    return row ? toAttachment(row) : null;
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
    await execute(
      tx,
      this.db.insertInto('whatsapp_attachments').values({
        id: randomUUID(),
        message_id: messageId,
        file_name: attachment.fileName,
        declared_type: attachment.declaredType,
        size_bytes: attachment.sizeBytes,
        storage_key: attachment.storageKey,
        sha256: attachment.sha256,
        detected_type: attachment.detectedType,
        refusal: attachment.refusal,
        reason: attachment.reason,
        requester_email: requester.email.toLowerCase(),
        requester_name: requester.name,
      }),
    );
  }

  /** Files of the ticket's processed WhatsApp messages, oldest first: metadata and storage keys, no bytes. */
  async attachmentsOfTicket(tx: EntityManager, ticketNumber: number): Promise<InboundAttachmentV1[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('whatsapp_attachments as a')
        .innerJoin('whatsapp_messages as m', 'm.id', 'a.message_id')
        .select([
          'a.id',
          'a.file_name',
          'a.detected_type',
          'a.size_bytes',
          'a.sha256',
          'a.storage_key',
          'a.reason',
          'a.requester_email',
          'a.requester_name',
          'm.processed_at',
        ])
        .where('m.ticket_number', '=', String(ticketNumber))
        .where('m.status', '=', 'processed')
        // A processed message has the time it was processed.
        .$narrowType<{ processed_at: NotNull }>()
        .orderBy('m.processed_at')
        .orderBy('a.id'),
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
    await execute(
      tx,
      this.db
        .updateTable('whatsapp_messages')
        .set((eb) => ({
          status: 'processed',
          outcome: result.outcome,
          ticket_id: result.ticketId,
          ticket_number: result.ticketNumber,
          reason: null,
          attempts: eb('attempts', '+', 1),
          processed_at: sql<Date>`clock_timestamp()`,
        }))
        .where('id', '=', id),
    );
  }

  /** An `unknown` number's message keeps nothing of what it said (its text, profile name and file are emptied). */
  async settle(tx: EntityManager, id: string, status: 'unknown' | 'failed', reason: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('whatsapp_messages')
        .set((eb) => ({
          status,
          reason,
          attempts: eb('attempts', '+', 1),
          processed_at: sql<Date>`clock_timestamp()`,
          ...(status === 'unknown'
            ? {
                body: null,
                profile_name: null,
                media_id: null,
                media_mime_type: null,
                media_sha256: null,
                media_file_name: null,
              }
            : {}),
        }))
        .where('id', '=', id),
    );
  }

  async scheduleMessageRetry(tx: EntityManager, id: string, delayMs: number, reason: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('whatsapp_messages')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          reason,
          next_attempt_at: sql<Date>`clock_timestamp() + ${delayMs} * interval '1 millisecond'`,
        }))
        .where('id', '=', id),
    );
  }

  async contact(tx: EntityManager, phone: string): Promise<WhatsappContact | null> {
    const row = await fetchFirst(
      tx,
      this.db.selectFrom('whatsapp_contacts').select(CONTACT_COLUMNS).where('phone', '=', phone),
    );
    return row ? toContact(row) : null;
  }

  /** The numbers a requester wrote to us from: where their tickets' notices go. */
  async contactsOf(tx: EntityManager, requesterEmail: string): Promise<WhatsappContact[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('whatsapp_contacts')
        .select(CONTACT_COLUMNS)
        .where('requester_email', '=', requesterEmail.toLowerCase())
        .orderBy('phone'),
    );
    return rows.map(toContact);
  }

  /** The number belongs to this requester, and their WhatsApp messages now go to this ticket. */
  async linkContact(
    tx: EntityManager,
    contact: { phone: string; requesterEmail: string; requesterName: string },
    ticket: { ticketId: string; ticketNumber: number },
  ): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('whatsapp_contacts')
        .values({
          phone: contact.phone,
          requester_email: contact.requesterEmail.toLowerCase(),
          requester_name: contact.requesterName,
          open_ticket_id: ticket.ticketId,
          open_ticket_number: ticket.ticketNumber,
        })
        .onConflict((conflict) =>
          conflict.column('phone').doUpdateSet((eb) => ({
            requester_email: eb.ref('excluded.requester_email'),
            requester_name: eb.ref('excluded.requester_name'),
            open_ticket_id: eb.ref('excluded.open_ticket_id'),
            open_ticket_number: eb.ref('excluded.open_ticket_number'),
            last_message_at: sql<Date>`now()`,
          })),
        ),
    );
  }

  /** The ticket was closed (or merged away): the next message of its numbers opens a new one. */
  async forgetOpenTicket(tx: EntityManager, ticketId: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('whatsapp_contacts')
        .set({ open_ticket_id: null, open_ticket_number: null })
        .where('open_ticket_id', '=', ticketId),
    );
  }

  /** Records WhatsApp's report on messages we sent; statuses of messages we do not know are ignored. */
  async recordStatuses(tx: EntityManager, statuses: readonly WhatsappStatusV1[]): Promise<number> {
    let matched = 0;
    for (const status of statuses) {
      const rows = await fetchRows(
        tx,
        this.db
          .updateTable('whatsapp_deliveries')
          .set({
            delivery_state: status.status,
            ...(status.status === 'failed'
              ? { last_error: status.error ?? 'WhatsApp reported the message failed' }
              : {}),
          })
          .where('wa_message_id', '=', status.id)
          .returning(sql<number>`1`.as('matched')),
      );
      matched += rows.length;
    }
    return matched;
  }

  // ── outgoing template messages ──────────────────────────────────────────────────────────────────

  /** Adds a pending message unless this event already gave one to this number; returns whether it was added. */
  async insertPending(tx: EntityManager, delivery: NewWhatsappDelivery): Promise<boolean> {
    const inserted = await fetchRows(
      tx,
      this.db
        .insertInto('whatsapp_deliveries')
        .values({
          id: randomUUID(),
          event_id: delivery.eventId,
          recipient: delivery.recipient,
          kind: delivery.kind,
          template: delivery.template,
          language: delivery.language,
          parameters: JSON.stringify(delivery.parameters),
          ticket_id: delivery.ticketId,
          ticket_number: delivery.ticketNumber,
        })
        .onConflict((conflict) => conflict.columns(['event_id', 'recipient']).doNothing())
        .returning(sql<number>`1`.as('inserted')),
    );
    return inserted.length > 0;
  }

  async claimDue(tx: EntityManager, limit: number): Promise<ClaimedWhatsappDelivery[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('whatsapp_deliveries as d')
        .leftJoin('whatsapp_delivery_attempts as a', 'a.delivery_id', 'd.id')
        .select([
          'd.id',
          'd.recipient',
          'd.kind',
          'd.template',
          'd.language',
          'd.parameters',
          'd.ticket_number',
          'd.attempts',
          'a.started_at as attempt_started_at',
        ])
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('d.next_attempt_at')
        .orderBy('d.created_at')
        .limit(limit)
        .forUpdate('d')
        .skipLocked(),
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
    await execute(
      this.runtime.dataSource,
      this.db
        .insertInto('whatsapp_delivery_attempts')
        .columns(['delivery_id'])
        .expression(this.db.selectNoFrom(sql<string>`unnest(${ids}::uuid[])`.as('delivery_id')))
        .onConflict((conflict) =>
          conflict.column('delivery_id').doUpdateSet({ started_at: sql<Date>`clock_timestamp()` }),
        ),
    );
  }

  async settleAttempts(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await execute(
      tx,
      this.db.deleteFrom('whatsapp_delivery_attempts').where('delivery_id', '=', sql<string>`ANY(${ids}::uuid[])`),
    );
  }

  /** `waMessageId` is empty when WhatsApp's answer named no message id: none is recorded. */
  async markSent(tx: EntityManager, id: string, waMessageId: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('whatsapp_deliveries')
        .set((eb) => ({
          status: 'sent',
          attempts: eb('attempts', '+', 1),
          sent_at: sql<Date>`clock_timestamp()`,
          wa_message_id: waMessageId === '' ? null : waMessageId,
          last_error: null,
        }))
        .where('id', '=', id),
    );
  }

  async markDeliveryRetry(tx: EntityManager, id: string, delayMs: number, error: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('whatsapp_deliveries')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          next_attempt_at: sql<Date>`clock_timestamp() + ${delayMs} * interval '1 millisecond'`,
          last_error: error,
        }))
        .where('id', '=', id),
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
    await execute(
      tx,
      this.db
        .updateTable('whatsapp_deliveries')
        .set((eb) => ({ status, attempts: eb('attempts', '+', countAttempt ? 1 : 0), last_error: error }))
        .where('id', '=', id),
    );
  }

  async list(
    tx: EntityManager,
    status: WhatsappDeliveryStatus | null,
    limit: number,
  ): Promise<WhatsappDeliverySummaryV1[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('whatsapp_deliveries')
        .select(SUMMARY_COLUMNS)
        .$if(status !== null, (query) => query.where('status', '=', status!))
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit),
    );
    return rows.map(toSummary);
  }

  /** A failed or uncertain message back in the queue, due now, attempts from zero; null when it is neither. */
  async retryFailed(tx: EntityManager, id: string): Promise<WhatsappDeliverySummaryV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .updateTable('whatsapp_deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: sql<Date>`now()`, last_error: null })
        .where('id', '=', id)
        .where('status', 'in', ['failed', 'uncertain'])
        .returning(SUMMARY_COLUMNS),
    );
    return row ? toSummary(row) : null;
  }

  /** An "unknown number" answer was queued to this number in the last day: do not answer every message. */
  async answeredUnknownRecently(tx: EntityManager, phone: string): Promise<boolean> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('whatsapp_deliveries')
        .select(sql<number>`1`.as('found'))
        .where('recipient', '=', phone)
        .where('kind', '=', 'unknown-number')
        .where('created_at', '>', sql<Date>`now() - interval '1 day'`)
        .limit(1),
    );
    return row !== null;
  }

  async exists(tx: EntityManager, id: string): Promise<boolean> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('whatsapp_deliveries')
        .select(sql<number>`1`.as('found'))
        .where('id', '=', id),
    );
    return row !== null;
  }
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
