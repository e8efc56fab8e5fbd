import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { execute, fetchRows } from '@cau/persistence';
import { notificationsRows } from '../rows.js';
import { TransactionMemo } from '../persistence/transaction-memo.js';

/** Who follows a jurisdiction's tickets, as the catalogue last announced it. */
export interface JurisdictionContacts {
  referenteEmails: string[];
  supervisorEmails: string[];
}

/** The memo's one key: every jurisdiction is read at once. */
const ALL = 'all';

@Injectable()
export class JurisdictionContactsRepository {
  private readonly db = notificationsRows;
  private readonly all = new TransactionMemo<Map<string, JurisdictionContacts>>();

  /**
   * Null when the catalogue never named the jurisdiction. Every jurisdiction's contacts are read in one
   * statement once per transaction (the consumer's batch): the catalogue's jurisdictions are few, and a
   * batch's tickets are of many of them.
   */
  async contactsOf(tx: EntityManager, jurisdiction: string): Promise<JurisdictionContacts | null> {
    const all = await this.all.get(tx, ALL, async () => {
      const rows = await fetchRows(
        tx,
        this.db.selectFrom('jurisdiction_contacts').select(['jurisdiction', 'referente_emails', 'supervisor_emails']),
      );
      return new Map(
        rows.map((row) => [
          row.jurisdiction,
          { referenteEmails: row.referente_emails, supervisorEmails: row.supervisor_emails },
        ]),
      );
    });
    return all.get(jurisdiction) ?? null;
  }

  /** The catalogue's state of one jurisdiction replaces what was known (events arrive in stream order). */
  async save(tx: EntityManager, jurisdiction: string, contacts: JurisdictionContacts): Promise<void> {
    // A later event of the same batch sees the new contacts, as it would in a batch of its own.
    this.all.forget(tx, ALL);
    await execute(
      tx,
      this.db
        .insertInto('jurisdiction_contacts')
        .values({
          jurisdiction,
          referente_emails: contacts.referenteEmails,
          supervisor_emails: contacts.supervisorEmails,
        })
        .onConflict((conflict) =>
          conflict.column('jurisdiction').doUpdateSet((eb) => ({
            referente_emails: eb.ref('excluded.referente_emails'),
            supervisor_emails: eb.ref('excluded.supervisor_emails'),
            updated_at: sql<Date>`now()`,
          })),
        ),
    );
  }
}
