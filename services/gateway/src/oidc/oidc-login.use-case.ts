import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isEmail } from 'class-validator';
import * as client from 'openid-client';
import { Limits, Role } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { AccountRepository, auditedAccount, type Account } from '../accounts/account.repository.js';
import { normalizeEmail } from '../accounts/account-rules.js';
import { anonymousActor, AuditRepository, type AuditChange } from '../audit/audit.repository.js';
import { AccountStatusCache } from '../auth/account-status.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { GatewayConfig } from '../config/gateway-config.js';
import { requestOrigin } from '../sessions/session-cookie.js';
import { actorOf, requestFacts, SessionService } from '../sessions/session.service.js';
import { grantFromClaims, IdentityConfig, type OidcProviderSettings, type RoleGrant } from './oidc-config.js';
import { OidcRepository } from './oidc.repository.js';
import { flowCookieHeader, readFlowCookie, safeReturnTo, type OidcFailure } from './oidc-rules.js';

/** A login must come back from the provider within this time. */
const FLOW_TTL_MS = 10 * 60_000;
const PURGE_INTERVAL_MS = 10 * 60_000;

/** Where the browser goes after the callback. */
export type CallbackOutcome = { ok: true; location: string } | { ok: false; failure: OidcFailure };

class LoginRefused extends Error {
  constructor(
    readonly failure: OidcFailure,
    readonly account: Account | null = null,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(failure);
  }
}

/**
 * Login with OpenID Connect providers (authorization code with PKCE, `state` and `nonce`). The flow's
 * secrets stay in the database, bound to the browser by a short-lived cookie; the provider's tokens
 * never leave the gateway: a successful callback ends in the same server-side session as a password
 * login. Accounts are found by the provider's (issuer, subject); a first login creates a requester
 * account, or joins the account of a verified e-mail when the provider allows it.
 */
@Injectable()
export class OidcLoginUseCase implements OnModuleInit, OnModuleDestroy {
  /** Discovery per provider, done at first use and kept; a failed one is retried on the next login. */
  private readonly discovered = new Map<string, Promise<client.Configuration>>();
  private purgeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly identity: IdentityConfig,
    private readonly flows: OidcRepository,
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditRepository,
    private readonly sessions: SessionService,
    private readonly accountStatus: AccountStatusCache,
    private readonly config: GatewayConfig,
    private readonly runtime: ServiceRuntime,
  ) {}

  onModuleInit(): void {
    if (this.identity.providers.length === 0) return;
    this.purgeTimer = setInterval(() => void this.purge(), PURGE_INTERVAL_MS);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.purgeTimer = null;
  }

  /** The provider's authorization URL for a new login; sets the browser-binding cookie on the answer. */
  async start(
    providerId: string,
    returnTo: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string> {
    const provider = this.providerOrNotFound(providerId);
    const configuration = await this.configuration(provider);
    const https = this.sessions.https(request);
    const browser = readFlowCookie(request.headers.cookie, https) ?? randomBytes(32).toString('base64url');
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const redirectUri = `${this.origin(request)}/api/v1/auth/oidc/${provider.id}/callback`;
    await this.flows.insertFlow({
      state,
      browserHash: sha256(browser),
      provider: provider.id,
      codeVerifier,
      nonce,
      redirectUri,
      returnTo: safeReturnTo(returnTo),
      expiresAt: new Date(Date.now() + FLOW_TTL_MS),
    });
    void reply.header('set-cookie', flowCookieHeader(browser, https, FLOW_TTL_MS / 1000));
    return client
      .buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri,
        scope: provider.scopes.join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      .toString();
  }

  /**
   * The provider sent the browser back. Every refusal is audited and answered with a code the login
   * page explains; nothing is created or changed unless the whole login succeeds.
   */
  async callback(providerId: string, request: FastifyRequest, reply: FastifyReply): Promise<CallbackOutcome> {
    const provider = this.providerOrNotFound(providerId);
    const query = new URL(request.url, 'http://callback.invalid').searchParams;
    try {
      const { flow, configuration } = await this.takeFlow(provider, query, request);
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      let claims: Record<string, unknown>;
      try {
        const callbackUrl = new URL(flow.redirectUri);
        callbackUrl.search = query.toString();
        tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) throw new Error('no ID token');
        claims = { ...idClaims };
        if (configuration.serverMetadata().userinfo_endpoint) {
          // Providers that issue an access token may keep e-mail and groups out of the ID token.
          const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
          claims = { ...userInfo, ...idClaims };
        }
      } catch (error) {
        const refused = error instanceof client.AuthorizationResponseError;
        throw new LoginRefused(refused ? 'refused' : 'failed', null, { error: describe(error) });
      }
      const subject = String(claims.sub);
      const account = await this.accountFor(provider, configuration.serverMetadata().issuer, subject, claims, request);
      await this.sessions.open(account, request, reply, { provider: provider.id, idToken: tokens.id_token ?? '' });
      await this.audit.record(actorOf(account), {
        action: 'account.sign-in',
        targetType: 'account',
        targetId: account.id,
        before: null,
        after: { method: 'oidc', provider: provider.id, subject, ...this.origins(request) },
      });
      this.clearFlowCookie(request, reply);
      return { ok: true, location: flow.returnTo };
    } catch (error) {
      if (!(error instanceof LoginRefused)) throw error;
      await this.audit.record(error.account ? actorOf(error.account) : anonymousActor(provider.id), {
        action: 'account.sign-in-failure',
        targetType: 'account',
        targetId: error.account?.id ?? provider.id,
        before: null,
        after: {
          method: 'oidc',
          provider: provider.id,
          failure: error.failure,
          ...error.detail,
          ...this.origins(request),
        },
      });
      this.clearFlowCookie(request, reply);
      return { ok: false, failure: error.failure };
    }
  }

  /**
   * Ends the CAU session and returns where the browser should go to end the provider's too (RP-initiated
   * logout), or null when the session was a password one or the provider offers no logout endpoint.
   */
  async logout(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const oidc = await this.sessions.close(request, reply);
    const provider = oidc ? this.identity.provider(oidc.provider) : null;
    if (!oidc || !provider) return null;
    try {
      const configuration = await this.configuration(provider);
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      return client
        .buildEndSessionUrl(configuration, {
          id_token_hint: oidc.idToken,
          post_logout_redirect_uri: `${this.origin(request)}/ingresar`,
        })
        .toString();
    } catch (error) {
      // The CAU session is closed already; the provider's may outlive it, which its own expiry bounds.
      this.runtime.logger.warn({ err: error, provider: provider.id }, 'provider logout unavailable');
      return null;
    }
  }

  private async takeFlow(
    provider: OidcProviderSettings,
    query: URLSearchParams,
    request: FastifyRequest,
  ): Promise<{
    flow: NonNullable<Awaited<ReturnType<OidcRepository['takeFlow']>>>;
    configuration: client.Configuration;
  }> {
    const state = query.get('state');
    const flow = state ? await this.flows.takeFlow(state) : null;
    const browser = readFlowCookie(request.headers.cookie, this.sessions.https(request));
    if (
      !flow ||
      flow.provider !== provider.id ||
      browser === null ||
      sha256(browser) !== flow.browserHash ||
      flow.expiresAt.getTime() <= Date.now()
    ) {
      throw new LoginRefused('expired', null, { error: flow ? 'flow not of this browser' : 'unknown state' });
    }
    try {
      return { flow, configuration: await this.configuration(provider) };
    } catch (error) {
      throw new LoginRefused('failed', null, { error: describe(error) });
    }
  }

  /** The account the provider's subject stands for, after linking, creating and mapping roles as configured. */
  private async accountFor(
    provider: OidcProviderSettings,
    issuer: string,
    subject: string,
    claims: Record<string, unknown>,
    request: FastifyRequest,
  ): Promise<Account> {
    const linkedId = await this.flows.touchIdentity(issuer, subject);
    let account = linkedId ? await this.accounts.findById(linkedId) : null;
    const origins = this.origins(request);
    if (!account) account = await this.firstLogin(provider, issuer, subject, claims, origins);
    if (!account.active) throw new LoginRefused('disabled', account);
    if (!provider.roleMapping) return account;
    const grant = grantFromClaims(provider.roleMapping, claims);
    if (sameAccess(account, grant)) return account;
    const updated = await this.runtime.transaction(async (tx) => {
      const changed = await this.accounts.updateAccess(account.id, { active: account.active, ...grant }, tx);
      if (!changed) throw new LoginRefused('failed', account, { error: 'account vanished' });
      await this.audit.record(
        actorOf(account),
        this.change('account.role-sync', account, changed, { provider: provider.id, ...origins }),
        tx,
      );
      return changed;
    });
    this.accountStatus.forget(updated.id);
    return updated;
  }

  private async firstLogin(
    provider: OidcProviderSettings,
    issuer: string,
    subject: string,
    claims: Record<string, unknown>,
    origins: Record<string, unknown>,
  ): Promise<Account> {
    const email = typeof claims.email === 'string' ? normalizeEmail(claims.email) : '';
    if (!isEmail(email) || email.length > Limits.email) throw new LoginRefused('no-email');
    const verified = claims.email_verified === true || claims.email_verified === 'true';
    const identity = { issuer, subject, provider: provider.id };
    const existing = await this.accounts.findByEmail(email);
    if (existing) {
      if (!provider.linkByVerifiedEmail || !verified) {
        throw new LoginRefused('email-taken', null, { email, emailVerified: verified });
      }
      await this.runtime.transaction(async (tx) => {
        if (!(await this.flows.link(tx, { ...identity, accountId: existing.id }))) {
          throw new LoginRefused('failed', null, { error: 'subject linked meanwhile' });
        }
        await this.audit.record(
          actorOf(existing),
          this.change('account.link', existing, existing, { ...identity, ...origins }),
          tx,
        );
      });
      return existing;
    }
    const grant = provider.roleMapping
      ? grantFromClaims(provider.roleMapping, claims)
      : { role: Role.Requester, area: null, jurisdiction: null };
    // Nobody knows this password: the account logs in through its provider (or after a reset by mail).
    const passwordHash = await this.passwords.hash(randomBytes(32).toString('hex'));
    return this.runtime.transaction(async (tx) => {
      const created = await this.accounts.insert(
        { id: randomUUID(), email, name: displayName(claims, email), passwordHash, ...grant },
        tx,
      );
      if (!created || !(await this.flows.link(tx, { ...identity, accountId: created.id }))) {
        throw new LoginRefused('failed', null, { error: 'account created meanwhile' });
      }
      await this.audit.record(
        actorOf(created),
        {
          action: 'account.create',
          targetType: 'account',
          targetId: created.id,
          before: null,
          after: { ...auditedAccount(created), ...identity, ...origins },
        },
        tx,
      );
      return created;
    });
  }

  private change(
    action: AuditChange['action'],
    before: Account,
    after: Account,
    facts: Record<string, unknown>,
  ): AuditChange {
    return {
      action,
      targetType: 'account',
      targetId: before.id,
      before: auditedAccount(before),
      after: { ...auditedAccount(after), ...facts },
    };
  }

  private origins(request: FastifyRequest): Record<string, unknown> {
    return { clientAddress: this.sessions.clientAddress(request), userAgent: this.sessions.userAgent(request) };
  }

  private clearFlowCookie(request: FastifyRequest, reply: FastifyReply): void {
    void reply.header('set-cookie', flowCookieHeader(null, this.sessions.https(request), 0));
  }

  private origin(request: FastifyRequest): string {
    const origin = requestOrigin(requestFacts(request), this.config.trustProxy);
    if (origin === null) throw ServiceError.validation([{ field: 'host', constraint: 'isDefined' }]);
    return origin;
  }

  private providerOrNotFound(id: string): OidcProviderSettings {
    const provider = this.identity.provider(id);
    if (!provider) throw ServiceError.notFound('oidc-provider', id);
    return provider;
  }

  private configuration(provider: OidcProviderSettings): Promise<client.Configuration> {
    let found = this.discovered.get(provider.id);
    if (!found) {
      found = client.discovery(
        new URL(provider.issuer),
        provider.clientId,
        { client_secret: provider.clientSecret },
        client.ClientSecretBasic(provider.clientSecret),
        {
          // The ID token's signature is checked against the provider's published keys even though it comes
          // straight from the token endpoint (where OpenID Connect lets TLS alone vouch for it): a token
          // endpoint answer altered on the way (a TLS-intercepting proxy) is refused too.
          execute: provider.allowInsecure
            ? [client.allowInsecureRequests, client.enableNonRepudiationChecks]
            : [client.enableNonRepudiationChecks],
        },
      );
      this.discovered.set(provider.id, found);
      found.catch(() => this.discovered.delete(provider.id));
    }
    return found;
  }

  private async purge(): Promise<void> {
    try {
      await this.flows.purgeExpiredFlows(new Date());
    } catch (error) {
      this.runtime.logger.warn({ err: error }, 'purging expired login flows failed');
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameAccess(account: Account, grant: RoleGrant): boolean {
  return account.role === grant.role && account.area === grant.area && account.jurisdiction === grant.jurisdiction;
}

function displayName(claims: Record<string, unknown>, email: string): string {
  const given = typeof claims.given_name === 'string' ? claims.given_name : '';
  const family = typeof claims.family_name === 'string' ? claims.family_name : '';
  const candidates = [claims.name, `${given} ${family}`, claims.preferred_username, email];
  const name = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '')!;
  return name.trim().slice(0, Limits.name);
}

/** For the audit log: the library's message and its cause's, which names the claim refused (`nonce`, `aud`…). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 500);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`.slice(0, 500);
}
