import { Injectable } from '@nestjs/common';
import { sql, type NotNull, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Language } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { notificationsRows } from '../rows.js';
import type { Deliveries } from '../rows.generated.js';
import type { ClaimedDelivery, DeliveryKind, DeliveryStatus, DeliverySummary, NewDelivery } from './delivery.js';

const SUMMARY_COLUMNS = [
  'id',
  'event_id',
  'kind',
  'recipient',
  'ticket_number',
  'subject',
  'status',
  'attempts',
  'last_error',
  'created_at',
  'sent_at',
] as const;

type SummaryRow = Pick<Selectable<Deliveries>, (typeof SUMMARY_COLUMNS)[number]>;

/** A new mail without attachments as `unnest` gives it back, one row per mail. */
interface NewDeliveryRow {
  id: string;
  event_id: string;
  recipient: string;
  kind: DeliveryKind;
  language: Language;
  ticket_id: string | null;
  ticket_number: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  thread_message_id: string | null;
}

/** The mails of the notifications schema: written by use cases, claimed and settled by the sender. */
@Injectable()
export class DeliveryRepository {
  private readonly db = notificationsRows;
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /**
   * The channel the sender listens on; a notification arrives when a transaction that added a mail commits. Its
   * payload is the number of mails added, or empty when not counted.
   */
  get notifyChannel(): string {
    return `cau_deliveries_${this.s}`;
  }

  /** Adds a pending mail unless this event already gave one to this recipient; returns whether it was added. */
  async insertPending(tx: EntityManager, delivery: NewDelivery): Promise<boolean> {
    // One round trip for the row and the wake-up; PostgreSQL sends a transaction's identical notifications once.
    const notified = await fetchRows(
      tx,
      this.db
        .with('inserted', (db) =>
          db
            .insertInto('deliveries')
            .values({
              id: delivery.id,
              event_id: delivery.eventId,
              recipient: delivery.recipient,
              kind: delivery.kind,
              language: delivery.language,
              ticket_id: delivery.ticketId,
              ticket_number: delivery.ticketNumber,
              subject: delivery.subject,
              text_body: delivery.text,
              html_body: delivery.html,
              message_id: delivery.messageId,
              thread_message_id: delivery.threadMessageId,
              attachments: delivery.attachments?.length ? JSON.stringify(delivery.attachments) : null,
            })
            .onConflict((conflict) => conflict.doNothing())
            .returning(sql<number>`1`.as('inserted')),
        )
        .selectFrom('inserted')
        .select(sql<string>`pg_notify(${this.notifyChannel}, '')`.as('notified')),
    );
    return notified.length > 0;
  }

  /**
   * Many mails without attachments in one statement (an announcement to thousands of requesters):
   * the same guards as `insertPending` (a row already there for the event and recipient is left alone)
   * and one wake-up for the sender. Returns how many were new.
   */
  async insertPendingMany(tx: EntityManager, deliveries: readonly NewDelivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const column = <K extends keyof NewDelivery>(key: K): Array<NewDelivery[K]> => deliveries.map((d) => d[key]);
    const t = sql<NewDeliveryRow>`unnest(
      ${column('id')}::uuid[], ${column('eventId')}::uuid[], ${column('recipient')}::text[], ${column('kind')}::text[],
      ${column('language')}::text[], ${column('ticketId')}::uuid[], ${column('ticketNumber')}::bigint[],
      ${column('subject')}::text[], ${column('text')}::text[], ${column('html')}::text[], ${column('messageId')}::text[],
      ${column('threadMessageId')}::text[])`.as<'t'>(
      sql`t (id, event_id, recipient, kind, language, ticket_id, ticket_number, subject, text_body, html_body, message_id, thread_message_id)`,
    );
    const counted = await fetchFirst(
      tx,
      this.db
        .with('inserted', (db) =>
          db
            .insertInto('deliveries')
            .columns([
              'id',
              'event_id',
              'recipient',
              'kind',
              'language',
              'ticket_id',
              'ticket_number',
              'subject',
              'text_body',
              'html_body',
              'message_id',
              'thread_message_id',
            ])
            .expression((eb) => eb.selectFrom(t).selectAll())
            .onConflict((conflict) => conflict.doNothing())
            .returning(sql<number>`1`.as('inserted')),
        )
        // One wake-up, and only when a mail was added; it says how many, so the sender wakes as many passes as
        // they need and not every one.
        .with('woken', (db) =>
          db
            .selectFrom((eb) => eb.selectFrom('inserted').select('inserted').limit(1).as('one'))
            .select(
              sql<string>`pg_notify(${this.notifyChannel}, (SELECT count(*) FROM inserted)::text)`.as('notified'),
            ),
        )
        // Selecting from `woken` is what runs it: PostgreSQL skips a read-only CTE nothing reads.
        .selectNoFrom((eb) => [
          eb.selectFrom('inserted').select(eb.cast<number>(eb.fn.countAll(), 'integer').as('count')).as('count'),
          eb.selectFrom('woken').select(eb.fn.countAll().as('woken')).as('woken'),
        ]),
    );
    return counted?.count ?? 0;
  }

  /**
   * Locks up to `limit` pending mails that have waited longest, skipping those other senders hold, so
   * several senders share the work without sending a mail twice. The locks last until `tx` ends. Each
   * comes with the start of an attempt that has no outcome, if a sender recorded one and then died.
   */
  async claimDue(tx: EntityManager, limit: number): Promise<ClaimedDelivery[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('deliveries as d')
        .leftJoin('delivery_attempts as a', 'a.delivery_id', 'd.id')
        .select([
          'd.id',
          'd.kind',
          'd.recipient',
          'd.ticket_number',
          'd.subject',
          'd.text_body',
          'd.html_body',
          'd.message_id',
          'd.thread_message_id',
          'd.attachments',
          'd.attempts',
          'd.created_at',
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
    await execute(
      this.runtime.dataSource,
      this.db
        .insertInto('delivery_attempts')
        .columns(['delivery_id'])
        .expression(this.db.selectNoFrom(sql<string>`unnest(${ids}::uuid[])`.as('delivery_id')))
        .onConflict((conflict) =>
          conflict.column('delivery_id').doUpdateSet({ started_at: sql<Date>`clock_timestamp()` }),
        ),
    );
  }

  /** The mails' attempts have an outcome (written in the same transaction): their records go. */
  async settleAttempts(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await execute(
      tx,
      this.db.deleteFrom('delivery_attempts').where('delivery_id', '=', sql<string>`ANY(${ids}::uuid[])`),
    );
  }

  /**
   * A sender handed the mail to the server and died before recording what the server said: it may well
   * have been delivered. It is not sent again (that would be a duplicate most of the time); it waits
   * for an administrator, who can send it again.
   */
  async markUncertain(tx: EntityManager, id: string, since: Date): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('deliveries')
        .set((eb) => ({
          status: 'uncertain',
          attempts: eb('attempts', '+', 1),
          last_error: sql<string>`'sending started at ' || to_char(${since}::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            || '; the sender stopped before the server''s answer was recorded'`,
        }))
        .where('id', '=', id),
    );
  }

  async markSent(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await execute(
      tx,
      this.db
        .updateTable('deliveries')
        .set((eb) => ({ status: 'sent', attempts: eb('attempts', '+', 1), sent_at: sql<Date>`clock_timestamp()` }))
        .where('id', '=', sql<string>`ANY(${ids}::uuid[])`),
    );
  }

  /** Keeps the mail pending and due again after `delayMs` (measured from now, not from the claim). */
  async scheduleRetry(tx: EntityManager, id: string, delayMs: number, error: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('deliveries')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          next_attempt_at: sql<Date>`clock_timestamp() + ${delayMs} * interval '1 millisecond'`,
          last_error: error,
        }))
        .where('id', '=', id),
    );
  }

  async markFailed(tx: EntityManager, id: string, error: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('deliveries')
        .set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), last_error: error }))
        .where('id', '=', id),
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
    const wanted = sql<{
      message_id: string;
      position: string;
    }>`unnest(${messageIds}::text[]) WITH ORDINALITY`.as<'wanted'>(sql`wanted (message_id, position)`);
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom(wanted)
        .innerJoin('deliveries as d', 'd.message_id', 'wanted.message_id')
        .select(['d.ticket_id', 'd.ticket_number'])
        .where('d.ticket_id', 'is not', null)
        .where('d.ticket_number', 'is not', null)
        .$narrowType<{ ticket_id: NotNull; ticket_number: NotNull }>()
        .orderBy('wanted.position')
        .limit(1),
    );
    return row ? { ticketId: row.ticket_id, ticketNumber: Number(row.ticket_number) } : null;
  }

  /** Newest first, optionally of one status. */
  async list(tx: EntityManager, status: DeliveryStatus | null, limit: number): Promise<DeliverySummary[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('deliveries')
        .select(SUMMARY_COLUMNS)
        .$if(status !== null, (query) => query.where('status', '=', status!))
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit),
    );
    return rows.map(toSummary);
  }

  async find(tx: EntityManager, id: string): Promise<DeliverySummary | null> {
    const row = await fetchFirst(tx, this.db.selectFrom('deliveries').select(SUMMARY_COLUMNS).where('id', '=', id));
    return row ? toSummary(row) : null;
  }

  /**
   * Puts a failed or uncertain mail back in the queue, due now, with its attempts counted from zero
   * again; the message (and its Message-ID) stays as it was. Returns null when the mail is neither.
   */
  async retryFailed(tx: EntityManager, id: string): Promise<DeliverySummary | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .updateTable('deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: sql<Date>`now()`, last_error: null })
        .where('id', '=', id)
        .where('status', 'in', ['failed', 'uncertain'])
        .returning(SUMMARY_COLUMNS),
    );
    if (!row) return null;
    await execute(tx, this.db.selectNoFrom(sql<string>`pg_notify(${this.notifyChannel}, '')`.as('notified')));
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
