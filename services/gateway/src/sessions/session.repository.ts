import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst } from '@cau/persistence';
import { ACCOUNT_COLUMNS, toAccount, type Account } from '../accounts/account.repository.js';
import { gatewayRows } from '../rows.js';

export interface NewSession {
  tokenHash: string;
  accountId: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  clientAddress: string | null;
  userAgent: string | null;
  /** Set when a provider proved who the person is: RP-initiated logout sends its ID token back as a hint. */
  oidc: SessionOidc | null;
}

export interface SessionOidc {
  provider: string;
  idToken: string;
}

export interface StoredSession {
  tokenHash: string;
  accountId: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/** A session with its account as it is now (role, area, active…), read in one round trip. */
export interface SessionWithAccount {
  session: StoredSession;
  account: Account;
}

/** Browser sessions of the gateway schema, shared by every gateway instance. Keys are SHA-256 hex of the cookie. */
@Injectable()
export class SessionRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async insert(session: NewSession): Promise<void> {
    await execute(
      this.runtime.dataSource,
      this.db.insertInto('sessions').values({
        token_hash: session.tokenHash,
        account_id: session.accountId,
        idle_expires_at: session.idleExpiresAt,
        absolute_expires_at: session.absoluteExpiresAt,
        client_address: session.clientAddress,
        user_agent: session.userAgent,
        oidc_provider: session.oidc?.provider ?? null,
        id_token: session.oidc?.idToken ?? null,
      }),
    );
  }

  async findWithAccount(tokenHash: string): Promise<SessionWithAccount | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db
        .selectFrom('sessions as s')
        .innerJoin('accounts as a', 'a.id', 's.account_id')
        .select(ACCOUNT_COLUMNS.map((column) => `a.${column}` as const))
        .select([
          's.token_hash as s_token_hash',
          's.account_id as s_account_id',
          's.created_at as s_created_at',
          's.last_seen_at as s_last_seen_at',
          's.idle_expires_at as s_idle_expires_at',
          's.absolute_expires_at as s_absolute_expires_at',
        ])
        .where('s.token_hash', '=', tokenHash),
    );
    if (!row) return null;
    return {
      account: toAccount(row),
      session: {
        tokenHash: row.s_token_hash,
        accountId: row.s_account_id,
        createdAt: row.s_created_at,
        lastSeenAt: row.s_last_seen_at,
        idleExpiresAt: row.s_idle_expires_at,
        absoluteExpiresAt: row.s_absolute_expires_at,
      },
    };
  }

  /**
   * Records use and pushes the idle expiry forward (never past the absolute one). Conditional on the
   * stored last-seen, so two instances touching the same session at once write it once.
   */
  async touch(tokenHash: string, seenBefore: Date, now: Date, idleExpiresAt: Date): Promise<void> {
    await execute(
      this.runtime.dataSource,
      this.db
        .updateTable('sessions')
        .set({
          last_seen_at: now,
          idle_expires_at: sql<Date>`LEAST(${idleExpiresAt}::timestamptz, absolute_expires_at)`,
        })
        .where('token_hash', '=', tokenHash)
        .where('last_seen_at', '<', seenBefore),
    );
  }

  /** Returns the provider that opened the session, if one did. */
  async delete(tokenHash: string): Promise<SessionOidc | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).returning(['oidc_provider', 'id_token']),
    );
    return row?.oidc_provider && row.id_token ? { provider: row.oidc_provider, idToken: row.id_token } : null;
  }

  /** Every session of the account except `keepTokenHash` (null: all of them). */
  async deleteForAccount(accountId: string, keepTokenHash: string | null): Promise<void> {
    await execute(
      this.runtime.dataSource,
      this.db
        .deleteFrom('sessions')
        .where('account_id', '=', accountId)
        .where('token_hash', 'is distinct from', sql<string | null>`${keepTokenHash}::text`),
    );
  }

  async deleteExpired(now: Date): Promise<void> {
    await execute(this.runtime.dataSource, this.db.deleteFrom('sessions').where('idle_expires_at', '<=', now));
  }
}
