import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import type {
  ClaimedDelivery,
  DeliveryKind,
  DeliveryStatus,
  DeliverySummary,
  MailAttachment,
  NewDelivery,
} from './delivery.js';

interface ClaimedRow {
  id: string;
  kind: DeliveryKind;
  recipient: string;
  ticket_number: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  thread_message_id: string | null;
  attachments: MailAttachment[] | null;
  attempts: number;
  created_at: Date;
  attempt_started_at: Date | null;
}

interface SummaryRow {
  id: string;
  event_id: string;
  kind: DeliveryKind;
  recipient: string;
  ticket_number: string | null;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const SUMMARY_COLUMNS =
  'id, event_id, kind, recipient, ticket_number, subject, status, attempts, last_error, created_at, sent_at';

/** The mails of the notifications schema: written by use cases, claimed and settled by the sender. */
@Injectable()
export class DeliveryRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** The channel the sender listens on; a notification arrives when a transaction that added a mail commits. */
  get notifyChannel(): string {
    return `cau_deliveries_${this.s}`;
  }

  /** Adds a pending mail unless this event already gave one to this recipient; returns whether it was added. */
  async insertPending(tx: EntityManager, delivery: NewDelivery): Promise<boolean> {
    // One round trip for the row and the wake-up; PostgreSQL sends a transaction's identical notifications once.
    const inserted: unknown[] = await tx.query(
      `WITH inserted AS (
         INSERT INTO "${this.s}".deliveries
           (id, event_id, recipient, kind, language, ticket_id, ticket_number, subject, text_body, html_body,
            message_id, thread_message_id, attachments)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $14)
         ON CONFLICT DO NOTHING
         RETURNING 1)
       SELECT pg_notify($13, '') FROM inserted`,
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
        delivery.threadMessageId,
        this.notifyChannel,
        delivery.attachments?.length ? JSON.stringify(delivery.attachments) : null,
      ],
    );
    return inserted.length > 0;
  }

  /**
   * Many mails without attachments in one statement (an announcement to thousands of requesters):
   * the same guards as `insertPending` (a row already there for the event and recipient is left alone)
   * and one wake-up for the sender. Returns how many were new.
   */
  async insertPendingMany(tx: EntityManager, deliveries: readonly NewDelivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const column = <K extends keyof NewDelivery>(key: K): Array<NewDelivery[K]> => deliveries.map((d) => d[key]);
    const inserted: unknown[] = await tx.query(
      `WITH inserted AS (
         INSERT INTO "${this.s}".deliveries
           (id, event_id, recipient, kind, language, ticket_id, ticket_number, subject, text_body, html_body,
            message_id, thread_message_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::bigint[],
                              $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
         ON CONFLICT DO NOTHING
         RETURNING 1),
       woken AS (SELECT pg_notify($13, '') FROM (SELECT 1 FROM inserted LIMIT 1) one)
       SELECT (SELECT count(*) FROM inserted)::int AS count, (SELECT count(*) FROM woken) AS woken`,
      [
        column('id'),
        column('eventId'),
        column('recipient'),
        column('kind'),
        column('language'),
        column('ticketId'),
        column('ticketNumber'),
        column('subject'),
        column('text'),
        column('html'),
        column('messageId'),
        column('threadMessageId'),
        this.notifyChannel,
      ],
    );
    return (inserted[0] as { count: number } | undefined)?.count ?? 0;
  }

  /**
   * Locks up to `limit` pending mails that have waited longest, skipping those other senders hold, so
   * several senders share the work without sending a mail twice. The locks last until `tx` ends. Each
   * comes with the start of an attempt that has no outcome, if a sender recorded one and then died.
   */
  async claimDue(tx: EntityManager, limit: number): Promise<ClaimedDelivery[]> {
    const rows: ClaimedRow[] = await tx.query(
      `SELECT d.id, d.kind, d.recipient, d.ticket_number, d.subject, d.text_body, d.html_body, d.message_id,
              d.thread_message_id, d.attachments, d.attempts, d.created_at, a.started_at AS attempt_started_at
       FROM "${this.s}".deliveries d
       LEFT JOIN "${this.s}".delivery_attempts a ON a.delivery_id = d.id
       WHERE d.status = 'pending' AND d.next_attempt_at <= now()
       ORDER BY d.next_attempt_at, d.created_at
       LIMIT $1
       FOR UPDATE OF d SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      recipient: row.recipient,
      ticketNumber: row.ticket_number === null ? null : Number(row.ticket_number),
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      messageId: row.message_id,
      threadMessageId: row.thread_message_id,
      attachments: row.attachments ?? [],
      attempts: row.attempts,
      createdAt: row.created_at,
      unfinishedAttemptAt: row.attempt_started_at,
    }));
  }

  /**
   * Records, committed before the mails are handed to the SMTP server, that they are being sent. Runs
   * outside the claim's transaction (which rolls back if the process dies), so the record survives the
   * sender; settling the mails in the claim's transaction deletes it.
   */
  async recordAttempts(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.runtime.dataSource.query(
      `INSERT INTO "${this.s}".delivery_attempts (delivery_id) SELECT unnest($1::uuid[])
       ON CONFLICT (delivery_id) DO UPDATE SET started_at = clock_timestamp()`,
      [ids],
    );
  }

  /** The mails' attempts have an outcome (written in the same transaction): their records go. */
  async settleAttempts(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(`DELETE FROM "${this.s}".delivery_attempts WHERE delivery_id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * A sender handed the mail to the server and died before recording what the server said: it may well
   * have been delivered. It is not sent again (that would be a duplicate most of the time); it waits
   * for an administrator, who can send it again.
   */
  async markUncertain(tx: EntityManager, id: string, since: Date): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".deliveries
       SET status = 'uncertain', attempts = attempts + 1,
           last_error = 'sending started at ' || to_char($2::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                        || '; the sender stopped before the server''s answer was recorded'
       WHERE id = $1`,
      [id, since],
    );
  }

  async markSent(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(
      `UPDATE "${this.s}".deliveries
       SET status = 'sent', attempts = attempts + 1, sent_at = clock_timestamp()
       WHERE id = ANY($1::uuid[])`,
      [ids],
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

  /**
   * The ticket of the first of `messageIds` that is one of our mails (a reply names the mails it
   * answers), or null when none is ours.
   */
  async ticketOfMessageIds(
    tx: EntityManager,
    messageIds: readonly string[],
  ): Promise<{ ticketId: string; ticketNumber: number } | null> {
    if (messageIds.length === 0) return null;
    const rows: Array<{ ticket_id: string; ticket_number: string }> = await tx.query(
      `SELECT d.ticket_id, d.ticket_number
       FROM unnest($1::text[]) WITH ORDINALITY AS wanted (message_id, position)
       JOIN "${this.s}".deliveries d ON d.message_id = wanted.message_id
       WHERE d.ticket_id IS NOT NULL AND d.ticket_number IS NOT NULL
       ORDER BY wanted.position
       LIMIT 1`,
      [messageIds],
    );
    const row = rows[0];
    return row ? { ticketId: row.ticket_id, ticketNumber: Number(row.ticket_number) } : null;
  }

  /** Newest first, optionally of one status. */
  async list(tx: EntityManager, status: DeliveryStatus | null, limit: number): Promise<DeliverySummary[]> {
    const rows: SummaryRow[] = await tx.query(
      `SELECT ${SUMMARY_COLUMNS} FROM "${this.s}".deliveries
       WHERE $1::text IS NULL OR status = $1
       ORDER BY created_at DESC, id
       LIMIT $2`,
      [status, limit],
    );
    return rows.map(toSummary);
  }

  async find(tx: EntityManager, id: string): Promise<DeliverySummary | null> {
    const rows: SummaryRow[] = await tx.query(`SELECT ${SUMMARY_COLUMNS} FROM "${this.s}".deliveries WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? toSummary(rows[0]) : null;
  }

  /**
   * Puts a failed or uncertain mail back in the queue, due now, with its attempts counted from zero
   * again; the message (and its Message-ID) stays as it was. Returns null when the mail is neither.
   */
  async retryFailed(tx: EntityManager, id: string): Promise<DeliverySummary | null> {
    // Wrapped in a SELECT so the driver returns rows, as for every other query here.
    const rows: SummaryRow[] = await tx.query(
      `WITH retried AS (
         UPDATE "${this.s}".deliveries
         SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL
         WHERE id = $1 AND status IN ('failed', 'uncertain')
         RETURNING ${SUMMARY_COLUMNS})
       SELECT * FROM retried`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    await tx.query('SELECT pg_notify($1, $2)', [this.notifyChannel, '']);
    return toSummary(row);
  }
}

function toSummary(row: SummaryRow): DeliverySummary {
  return {
    id: row.id,
    eventId: row.event_id,
    kind: row.kind,
    recipient: row.recipient,
    ticketNumber: row.ticket_number === null ? null : Number(row.ticket_number),
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}
