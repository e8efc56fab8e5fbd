import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type NotificationRuleV1, type RecipientKind } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { TransactionMemo } from '../persistence/transaction-memo.js';

export interface NotificationRule {
  recipientKind: RecipientKind;
  /** Sent whatever the recipient's preferences say. */
  essential: boolean;
}

/** The rules of `notification_rules` and the recipients' opt-outs of `preferences`. */
@Injectable()
export class NotificationRulesRepository {
  private readonly s: string;
  private readonly enabled = new TransactionMemo<NotificationRule[]>();
  private readonly optedOutOf = new TransactionMemo<Set<string>>();

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Read once per transaction (the consumer's batch). */
  enabledFor(tx: EntityManager, eventType: string): Promise<NotificationRule[]> {
    return this.enabled.get(tx, eventType, () => this.readEnabled(tx, eventType));
  }

  private async readEnabled(tx: EntityManager, eventType: string): Promise<NotificationRule[]> {
    const rows: Array<{ recipient_kind: RecipientKind; essential: boolean }> = await tx.query(
      `SELECT recipient_kind, essential FROM "${this.s}".notification_rules
       WHERE event_type = $1 AND enabled ORDER BY recipient_kind`,
      [eventType],
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
    const rows: Array<{ email: string }> = await tx.query(
      `SELECT email FROM "${this.s}".preferences WHERE event_type = $1 AND NOT enabled`,
      [eventType],
    );
    return new Set(rows.map((row) => row.email));
  }

  async setPreference(tx: EntityManager, email: string, eventType: string, enabled: boolean): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".preferences (email, event_type, enabled) VALUES ($1, $2, $3)
       ON CONFLICT (email, event_type) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
      [email, eventType, enabled],
    );
  }

  /** The preferences stored for one address, by event type. */
  async preferencesOf(tx: EntityManager, email: string): Promise<Array<{ eventType: string; enabled: boolean }>> {
    const rows: Array<{ event_type: string; enabled: boolean }> = await tx.query(
      `SELECT event_type, enabled FROM "${this.s}".preferences WHERE email = $1 ORDER BY event_type`,
      [email],
    );
    return rows.map((row) => ({ eventType: row.event_type, enabled: row.enabled }));
  }

  /** Whether a rule of this event type for one of these kinds of recipient can be turned off. */
  async hasOptionalRule(tx: EntityManager, eventType: string, kinds: RecipientKind[]): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM "${this.s}".notification_rules
       WHERE event_type = $1 AND recipient_kind = ANY($2::text[]) AND NOT essential LIMIT 1`,
      [eventType, kinds],
    );
    return rows.length > 0;
  }

  /** Every stored rule, enabled or not. */
  async all(tx: EntityManager): Promise<NotificationRuleV1[]> {
    const rows: Array<{ event_type: string; recipient_kind: RecipientKind; enabled: boolean; essential: boolean }> =
      await tx.query(`SELECT event_type, recipient_kind, enabled, essential FROM "${this.s}".notification_rules`);
    return rows.map((row) => ({
      eventType: row.event_type,
      recipientKind: row.recipient_kind,
      enabled: row.enabled,
      essential: row.essential,
    }));
  }

  /** The rules become exactly these; a pair left out mails nobody. Serialised against a concurrent edit. */
  async replaceAll(tx: EntityManager, rules: readonly NotificationRuleV1[]): Promise<void> {
    await tx.query(`LOCK TABLE "${this.s}".notification_rules IN SHARE ROW EXCLUSIVE MODE`);
    await tx.query(`DELETE FROM "${this.s}".notification_rules`);
    await tx.query(
      `INSERT INTO "${this.s}".notification_rules (event_type, recipient_kind, enabled, essential)
       SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::boolean[])`,
      [
        rules.map((r) => r.eventType),
        rules.map((r) => r.recipientKind),
        rules.map((r) => r.enabled),
        rules.map((r) => r.essential),
      ],
    );
  }
}
