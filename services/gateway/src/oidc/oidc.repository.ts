import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';

/** A login under way, from the redirect to the provider until its callback. */
export interface OidcFlow {
  state: string;
  browserHash: string;
  provider: string;
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
  returnTo: string;
  expiresAt: Date;
}

interface FlowRow {
  state: string;
  browser_hash: string;
  provider: string;
  code_verifier: string;
  nonce: string;
  redirect_uri: string;
  return_to: string;
  expires_at: Date;
}

/** Logins under way and the (issuer, subject) → account links of the gateway schema. */
@Injectable()
export class OidcRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async insertFlow(flow: OidcFlow): Promise<void> {
    await this.runtime.dataSource.query(
      `INSERT INTO "${this.s}".oidc_flows
         (state, browser_hash, provider, code_verifier, nonce, redirect_uri, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        flow.state,
        flow.browserHash,
        flow.provider,
        flow.codeVerifier,
        flow.nonce,
        flow.redirectUri,
        flow.returnTo,
        flow.expiresAt,
      ],
    );
  }

  /** Deletes and returns the flow of `state`: a callback is accepted once, whatever its outcome. */
  async takeFlow(state: string): Promise<OidcFlow | null> {
    const rows: FlowRow[] = await this.runtime.dataSource.query(
      `WITH taken AS (DELETE FROM "${this.s}".oidc_flows WHERE state = $1 RETURNING *) SELECT * FROM taken`,
      [state],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      state: row.state,
      browserHash: row.browser_hash,
      provider: row.provider,
      codeVerifier: row.code_verifier,
      nonce: row.nonce,
      redirectUri: row.redirect_uri,
      returnTo: row.return_to,
      expiresAt: row.expires_at,
    };
  }

  async purgeExpiredFlows(now: Date): Promise<void> {
    await this.runtime.dataSource.query(`DELETE FROM "${this.s}".oidc_flows WHERE expires_at <= $1`, [now]);
  }

  /** The account linked to the provider's subject, if any; records the login on the link. */
  async touchIdentity(issuer: string, subject: string): Promise<string | null> {
    const rows: Array<{ account_id: string }> = await this.runtime.dataSource.query(
      `WITH touched AS (
         UPDATE "${this.s}".oidc_identities SET last_login_at = now()
         WHERE issuer = $1 AND subject = $2 RETURNING account_id
       ) SELECT account_id FROM touched`,
      [issuer, subject],
    );
    return rows[0]?.account_id ?? null;
  }

  /** Returns false when the subject was linked meanwhile (two first logins at once). */
  async link(
    tx: EntityManager,
    identity: { issuer: string; subject: string; provider: string; accountId: string },
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".oidc_identities (issuer, subject, provider, account_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT (issuer, subject) DO NOTHING RETURNING account_id`,
      [identity.issuer, identity.subject, identity.provider, identity.accountId],
    );
    return rows.length > 0;
  }
}
