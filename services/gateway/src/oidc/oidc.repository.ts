import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sql } from 'kysely';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { gatewayRows } from '../rows.js';

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

/** Logins under way and the (issuer, subject) → account links of the gateway schema. */
@Injectable()
export class OidcRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async insertFlow(flow: OidcFlow): Promise<void> {
    await execute(
      this.runtime.dataSource,
      this.db.insertInto('oidc_flows').values({
        state: flow.state,
        browser_hash: flow.browserHash,
        provider: flow.provider,
        code_verifier: flow.codeVerifier,
        nonce: flow.nonce,
        redirect_uri: flow.redirectUri,
        return_to: flow.returnTo,
        expires_at: flow.expiresAt,
      }),
    );
  }

  /** Deletes and returns the flow of `state`: a callback is accepted once, whatever its outcome. */
  async takeFlow(state: string): Promise<OidcFlow | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db.deleteFrom('oidc_flows').where('state', '=', state).returningAll(),
    );
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
    await execute(this.runtime.dataSource, this.db.deleteFrom('oidc_flows').where('expires_at', '<=', now));
  }

  /** The account linked to the provider's subject, if any; records the login on the link. */
  async touchIdentity(issuer: string, subject: string): Promise<string | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db
        .updateTable('oidc_identities')
        .set({ last_login_at: sql<Date>`now()` })
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .returning('account_id'),
    );
    return row?.account_id ?? null;
  }

  /** Returns false when the subject was linked meanwhile (two first logins at once). */
  async link(
    tx: EntityManager,
    identity: { issuer: string; subject: string; provider: string; accountId: string },
  ): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      this.db
        .insertInto('oidc_identities')
        .values({
          issuer: identity.issuer,
          subject: identity.subject,
          provider: identity.provider,
          account_id: identity.accountId,
        })
        .onConflict((conflict) => conflict.columns(['issuer', 'subject']).doNothing())
        .returning('account_id'),
    );
    return rows.length > 0;
  }
}
