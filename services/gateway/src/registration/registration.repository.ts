import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Language } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst } from '@cau/persistence';
import { gatewayRows } from '../rows.js';

/** What a person typed on the registration page, kept until the mailed link is opened. */
export interface PendingRegistration {
  email: string;
  name: string;
  passwordHash: string;
  language: Language;
}

/** Registrations waiting for their address to be confirmed, by the hash of their token. */
@Injectable()
export class RegistrationRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async insert(
    tx: EntityManager,
    tokenHash: string,
    registration: PendingRegistration,
    expiresAt: Date,
  ): Promise<void> {
    await execute(
      tx,
      this.db.insertInto('registrations').values({
        token_hash: tokenHash,
        email: registration.email,
        name: registration.name,
        password_hash: registration.passwordHash,
        language: registration.language,
        expires_at: expiresAt,
      }),
    );
  }

  /**
   * Uses the link up if it is open (unused, unexpired) and every other open link of that address with
   * it; returns what was registered, or null. Two concurrent uses: the row lock lets one win.
   */
  async consume(tx: EntityManager, tokenHash: string): Promise<PendingRegistration | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .updateTable('registrations')
        .set({ used_at: sql<Date>`now()` })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .returning(['email', 'name', 'password_hash', 'language']),
    );
    if (!row) return null;
    await execute(
      tx,
      this.db
        .updateTable('registrations')
        .set({ used_at: sql<Date>`now()` })
        .where('email', '=', row.email)
        .where('used_at', 'is', null),
    );
    return { email: row.email, name: row.name, passwordHash: row.password_hash, language: row.language };
  }

  /** Links expired a day ago or more are of no use to anyone (and hold a password hash). */
  async purgeExpired(): Promise<void> {
    await execute(
      this.runtime.dataSource,
      this.db.deleteFrom('registrations').where('expires_at', '<', sql<Date>`now() - interval '1 day'`),
    );
  }
}
