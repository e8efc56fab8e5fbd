import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst } from '@cau/persistence';
import { gatewayRows } from '../rows.js';

/** The open reset links, by the hash of their token. */
@Injectable()
export class PasswordResetRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async insert(tx: EntityManager, tokenHash: string, accountId: string, expiresAt: Date): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('password_resets')
        .values({ token_hash: tokenHash, account_id: accountId, expires_at: expiresAt }),
    );
  }

  /**
   * Uses the link up if it is open (unused, unexpired, its account enabled) and every other open link of
   * that account with it; returns the account, or null. Two concurrent uses: the row lock lets one win.
   */
  async consume(tx: EntityManager, tokenHash: string): Promise<string | null> {
    const used = await fetchFirst(
      tx,
      this.db
        .updateTable('password_resets as r')
        .from('accounts as a')
        .set({ used_at: sql<Date>`now()` })
        .where('r.token_hash', '=', tokenHash)
        .where('r.used_at', 'is', null)
        .where('r.expires_at', '>', sql<Date>`now()`)
        .whereRef('a.id', '=', 'r.account_id')
        .where('a.active', '=', true)
        .returning('r.account_id'),
    );
    const accountId = used?.account_id ?? null;
    if (accountId !== null) {
      await execute(
        tx,
        this.db
          .updateTable('password_resets')
          .set({ used_at: sql<Date>`now()` })
          .where('account_id', '=', accountId)
          .where('used_at', 'is', null),
      );
    }
    return accountId;
  }

  /** Links expired a day ago or more are of no use to anyone. */
  async purgeExpired(): Promise<void> {
    await execute(
      this.runtime.dataSource,
      this.db.deleteFrom('password_resets').where('expires_at', '<', sql<Date>`now() - interval '1 day'`),
    );
  }
}
