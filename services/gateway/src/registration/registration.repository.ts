import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

/** What a person typed on the registration page, kept until the mailed link is opened. */
export interface PendingRegistration {
  email: string;
  name: string;
  passwordHash: string;
  language: Language;
}

interface RegistrationRow {
  email: string;
  name: string;
  password_hash: string;
  language: Language;
}

/** Registrations waiting for their address to be confirmed, by the hash of their token. */
@Injectable()
export class RegistrationRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async insert(
    tx: EntityManager,
    tokenHash: string,
    registration: PendingRegistration,
    expiresAt: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".registrations (token_hash, email, name, password_hash, language, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [tokenHash, registration.email, registration.name, registration.passwordHash, registration.language, expiresAt],
    );
  }

  /**
   * Uses the link up if it is open (unused, unexpired) and every other open link of that address with
   * it; returns what was registered, or null. Two concurrent uses: the row lock lets one win.
   */
  async consume(tx: EntityManager, tokenHash: string): Promise<PendingRegistration | null> {
    const rows: RegistrationRow[] = await tx.query(
      `WITH used AS (
         UPDATE "${this.s}".registrations SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING email, name, password_hash, language
       ) SELECT * FROM used`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    await tx.query(`UPDATE "${this.s}".registrations SET used_at = now() WHERE email = $1 AND used_at IS NULL`, [
      row.email,
    ]);
    return { email: row.email, name: row.name, passwordHash: row.password_hash, language: row.language };
  }

  /** Links expired a day ago or more are of no use to anyone (and hold a password hash). */
  async purgeExpired(): Promise<void> {
    await this.runtime.dataSource.query(
      `DELETE FROM "${this.s}".registrations WHERE expires_at < now() - interval '1 day'`,
    );
  }
}
