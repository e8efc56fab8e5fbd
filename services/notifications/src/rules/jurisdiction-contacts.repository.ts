import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { TransactionMemo } from '../persistence/transaction-memo.js';

/** Who follows a jurisdiction's tickets, as the catalogue last announced it. */
export interface JurisdictionContacts {
  referenteEmails: string[];
  supervisorEmails: string[];
}

@Injectable()
export class JurisdictionContactsRepository {
  private readonly s: string;
  private readonly byJurisdiction = new TransactionMemo<JurisdictionContacts | null>();

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Read once per jurisdiction and transaction (the consumer's batch); null when the catalogue never named it. */
  contactsOf(tx: EntityManager, jurisdiction: string): Promise<JurisdictionContacts | null> {
    return this.byJurisdiction.get(tx, jurisdiction, async () => {
      const rows: Array<{ referente_emails: string[]; supervisor_emails: string[] }> = await tx.query(
        `SELECT referente_emails, supervisor_emails FROM "${this.s}".jurisdiction_contacts WHERE jurisdiction = $1`,
        [jurisdiction],
      );
      const row = rows[0];
      return row ? { referenteEmails: row.referente_emails, supervisorEmails: row.supervisor_emails } : null;
    });
  }

  /** The catalogue's state of one jurisdiction replaces what was known (events arrive in stream order). */
  async save(tx: EntityManager, jurisdiction: string, contacts: JurisdictionContacts): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".jurisdiction_contacts (jurisdiction, referente_emails, supervisor_emails)
       VALUES ($1, $2, $3)
       ON CONFLICT (jurisdiction) DO UPDATE
         SET referente_emails = EXCLUDED.referente_emails, supervisor_emails = EXCLUDED.supervisor_emails,
             updated_at = now()`,
      [jurisdiction, contacts.referenteEmails, contacts.supervisorEmails],
    );
  }
}
