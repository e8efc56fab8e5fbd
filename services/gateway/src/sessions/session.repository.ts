import { Injectable } from '@nestjs/common';
import { ServiceRuntime } from '@cau/messaging';
import { ACCOUNT_COLUMNS, toAccount, type Account, type AccountRow } from '../accounts/account.repository.js';

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

type JoinedRow = AccountRow & {
  s_token_hash: string;
  s_account_id: string;
  s_created_at: Date;
  s_last_seen_at: Date;
  s_idle_expires_at: Date;
  s_absolute_expires_at: Date;
};

const ACCOUNT_COLUMNS_OF_A = ACCOUNT_COLUMNS.split(', ')
  .map((column) => `a.${column}`)
  .join(', ');

/** Browser sessions of the gateway schema, shared by every gateway instance. Keys are SHA-256 hex of the cookie. */
@Injectable()
export class SessionRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async insert(session: NewSession): Promise<void> {
    await this.runtime.dataSource.query(
      `INSERT INTO "${this.s}".sessions
         (token_hash, account_id, idle_expires_at, absolute_expires_at, client_address, user_agent,
          oidc_provider, id_token)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        session.tokenHash,
        session.accountId,
        session.idleExpiresAt,
        session.absoluteExpiresAt,
        session.clientAddress,
        session.userAgent,
        session.oidc?.provider ?? null,
        session.oidc?.idToken ?? null,
      ],
    );
  }

  async findWithAccount(tokenHash: string): Promise<SessionWithAccount | null> {
    const rows: JoinedRow[] = await this.runtime.dataSource.query(
      `SELECT ${ACCOUNT_COLUMNS_OF_A},
              s.token_hash AS s_token_hash, s.account_id AS s_account_id, s.created_at AS s_created_at,
              s.last_seen_at AS s_last_seen_at, s.idle_expires_at AS s_idle_expires_at,
              s.absolute_expires_at AS s_absolute_expires_at
       FROM "${this.s}".sessions s JOIN "${this.s}".accounts a ON a.id = s.account_id
       WHERE s.token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
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
    await this.runtime.dataSource.query(
      `UPDATE "${this.s}".sessions
       SET last_seen_at = $3, idle_expires_at = LEAST($4::timestamptz, absolute_expires_at)
       WHERE token_hash = $1 AND last_seen_at < $2`,
      [tokenHash, seenBefore, now, idleExpiresAt],
    );
  }

  /** Returns the provider that opened the session, if one did. */
  async delete(tokenHash: string): Promise<SessionOidc | null> {
    const rows: Array<{ oidc_provider: string | null; id_token: string | null }> = await this.runtime.dataSource.query(
      `WITH deleted AS (
         DELETE FROM "${this.s}".sessions WHERE token_hash = $1 RETURNING oidc_provider, id_token
       ) SELECT oidc_provider, id_token FROM deleted`,
      [tokenHash],
    );
    const row = rows[0];
    return row?.oidc_provider && row.id_token ? { provider: row.oidc_provider, idToken: row.id_token } : null;
  }

  /** Every session of the account except `keepTokenHash` (null: all of them). */
  async deleteForAccount(accountId: string, keepTokenHash: string | null): Promise<void> {
    await this.runtime.dataSource.query(
      `DELETE FROM "${this.s}".sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2`,
      [accountId, keepTokenHash],
    );
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.runtime.dataSource.query(`DELETE FROM "${this.s}".sessions WHERE idle_expires_at <= $1`, [now]);
  }
}
