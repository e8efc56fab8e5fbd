import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { type NotificationRuleV1, type RecipientKind } from '@cau/contracts';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { notificationsRows } from '../rows.js';
import { TransactionMemo } from '../persistence/transaction-memo.js';

export interface NotificationRule {
  recipientKind: RecipientKind;
  /** Sent whatever the recipient's preferences say. */
  essential: boolean;
}

/** The rules of `notification_rules` and the recipients' opt-outs of `preferences`. */
@Injectable()
export class NotificationRulesRepository {
  private readonly db = notificationsRows;
  private readonly enabled = new TransactionMemo<NotificationRule[]>();
  private readonly optedOutOf = new TransactionMemo<Set<string>>();

  /** Read once per transaction (the consumer's batch). */
  enabledFor(tx: EntityManager, eventType: string): Promise<NotificationRule[]> {
    return this.enabled.get(tx, eventType, () => this.readEnabled(tx, eventType));
  }

  private async readEnabled(tx: EntityManager, eventType: string): Promise<NotificationRule[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('notification_rules')
        .select(['recipient_kind', 'essential'])
        .where('event_type', '=', eventType)
        .where('enabled', '=', true)
        .orderBy('recipient_kind'),
    );
    return rows.map((row) => ({ recipientKind: row.recipient_kind, essential: row.essential }));
  }

  /** The addresses among `emails` that turned this event type's mails off. */
  async optedOut(tx: EntityManager, emails: string[], eventType: string): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const all = await this.optedOutOf.get(tx, eventType, () => this.readOptedOut(tx, eventType));
    return new Set(emails.filter((email) => all.has(email)));
  }

  /**
   * Everyone who turned this event type off, read once per transaction (the consumer's batch) instead
   * of a round trip per event; opt-outs are few next to the events they filter.
   */
  private async readOptedOut(tx: EntityManager, eventType: string): Promise<Set<string>> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('preferences')
        .select('email')
        .where('event_type', '=', eventType)
        .where('enabled', '=', false),
    );
    return new Set(rows.map((row) => row.email));
  }

  async setPreference(tx: EntityManager, email: string, eventType: string, enabled: boolean): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('preferences')
        .values({ email, event_type: eventType, enabled })
        .onConflict((conflict) =>
          conflict.columns(['email', 'event_type']).doUpdateSet((eb) => ({
            enabled: eb.ref('excluded.enabled'),
            updated_at: sql<Date>`now()`,
          })),
        ),
    );
  }

  /** The preferences stored for one address, by event type. */
  async preferencesOf(tx: EntityManager, email: string): Promise<Array<{ eventType: string; enabled: boolean }>> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('preferences')
        .select(['event_type', 'enabled'])
        .where('email', '=', email)
        .orderBy('event_type'),
    );
    return rows.map((row) => ({ eventType: row.event_type, enabled: row.enabled }));
  }

  /** Whether a rule of this event type for one of these kinds of recipient can be turned off. */
  async hasOptionalRule(tx: EntityManager, eventType: string, kinds: RecipientKind[]): Promise<boolean> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('notification_rules')
        .select(sql<number>`1`.as('found'))
        .where('event_type', '=', eventType)
        .where('recipient_kind', '=', sql<RecipientKind>`ANY(${kinds}::text[])`)
        .where('essential', '=', false)
        .limit(1),
    );
    return row !== null;
  }

  /** Every stored rule, enabled or not. */
  async all(tx: EntityManager): Promise<NotificationRuleV1[]> {
    const rows = await fetchRows(
      tx,
      this.db.selectFrom('notification_rules').select(['event_type', 'recipient_kind', 'enabled', 'essential']),
    );
    return rows.map((row) => ({
      eventType: row.event_type,
      recipientKind: row.recipient_kind,
      enabled: row.enabled,
      essential: row.essential,
    }));
  }

  /** The rules become exactly these; a pair left out mails nobody. Serialised against a concurrent edit. */
  async replaceAll(tx: EntityManager, rules: readonly NotificationRuleV1[]): Promise<void> {
    // Reads no row: only locks, so there is nothing to type.
    await tx.query('LOCK TABLE notification_rules IN SHARE ROW EXCLUSIVE MODE');
    await execute(tx, this.db.deleteFrom('notification_rules'));
    const t = sql<{ event_type: string; recipient_kind: RecipientKind; enabled: boolean; essential: boolean }>`unnest(
      ${rules.map((r) => r.eventType)}::text[], ${rules.map((r) => r.recipientKind)}::text[],
      ${rules.map((r) => r.enabled)}::boolean[], ${rules.map((r) => r.essential)}::boolean[])`.as<'t'>(
      sql`t (event_type, recipient_kind, enabled, essential)`,
    );
    await execute(
      tx,
      this.db
        .insertInto('notification_rules')
        .columns(['event_type', 'recipient_kind', 'enabled', 'essential'])
        .expression((eb) => eb.selectFrom(t).selectAll()),
    );
  }
}
