import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';

/** The open reset links, by the hash of their token. */
@Injectable()
export class PasswordResetRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async insert(tx: EntityManager, tokenHash: string, accountId: string, expiresAt: Date): Promise<void> {
    await tx.query(`INSERT INTO "${this.s}".password_resets (token_hash, account_id, expires_at) VALUES ($1, $2, $3)`, [
      tokenHash,
      accountId,
      expiresAt,
    ]);
  }

  /**
   * Uses the link up if it is open (unused, unexpired, its account enabled) and every other open link of
   * that account with it; returns the account, or null. Two concurrent uses: the row lock lets one win.
   */
  async consume(tx: EntityManager, tokenHash: string): Promise<string | null> {
    const rows: Array<{ account_id: string }> = await tx.query(
      `WITH used AS (
         UPDATE "${this.s}".password_resets r SET used_at = now()
         FROM "${this.s}".accounts a
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND a.id = r.account_id AND a.active
         RETURNING r.account_id
       ) SELECT account_id FROM used`,
      [tokenHash],
    );
    const accountId = rows[0]?.account_id ?? null;
    if (accountId !== null) {
      await tx.query(
        `UPDATE "${this.s}".password_resets SET used_at = now() WHERE account_id = $1 AND used_at IS NULL`,
        [accountId],
      );
    }
    return accountId;
  }

  /** Links expired a day ago or more are of no use to anyone. */
  async purgeExpired(): Promise<void> {
    await this.runtime.dataSource.query(
      `DELETE FROM "${this.s}".password_resets WHERE expires_at < now() - interval '1 day'`,
    );
  }
}
