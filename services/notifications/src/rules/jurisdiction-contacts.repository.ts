import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { execute, fetchFirst } from '@cau/persistence';
import { notificationsRows } from '../rows.js';
import { TransactionMemo } from '../persistence/transaction-memo.js';

/** Who follows a jurisdiction's tickets, as the catalogue last announced it. */
export interface JurisdictionContacts {
  referenteEmails: string[];
  supervisorEmails: string[];
}

@Injectable()
export class JurisdictionContactsRepository {
  private readonly db = notificationsRows;
  private readonly byJurisdiction = new TransactionMemo<JurisdictionContacts | null>();

  /** Read once per jurisdiction and transaction (the consumer's batch); null when the catalogue never named it. */
  contactsOf(tx: EntityManager, jurisdiction: string): Promise<JurisdictionContacts | null> {
    return this.byJurisdiction.get(tx, jurisdiction, async () => {
      const row = await fetchFirst(
        tx,
        this.db
          .selectFrom('jurisdiction_contacts')
          .select(['referente_emails', 'supervisor_emails'])
          .where('jurisdiction', '=', jurisdiction),
      );
      return row ? { referenteEmails: row.referente_emails, supervisorEmails: row.supervisor_emails } : null;
    });
  }

  /** The catalogue's state of one jurisdiction replaces what was known (events arrive in stream order). */
  async save(tx: EntityManager, jurisdiction: string, contacts: JurisdictionContacts): Promise<void> {
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
