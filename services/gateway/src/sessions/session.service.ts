import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActorV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { Account } from '../accounts/account.repository.js';
import { GatewayConfig } from '../config/gateway-config.js';
import {
  isHttps,
  newSessionToken,
  readSessionToken,
  sessionCookieHeader,
  sessionTokenHash,
  type RequestFacts,
} from './session-cookie.js';
import { SessionRepository, type SessionOidc } from './session.repository.js';

/** The session a request came with, and its account as it is now. */
export interface CurrentSession {
  tokenHash: string;
  account: Account;
}

/** Longest a session's last-seen may lag; shorter when the idle lifetime itself is short. */
const MAX_TOUCH_INTERVAL_MS = 60_000;
const PURGE_INTERVAL_MS = 10 * 60_000;
const MAX_USER_AGENT = 512;

export function requestFacts(request: FastifyRequest): RequestFacts {
  return {
    protocol: request.protocol,
    host: request.headers.host,
    forwardedProto: request.headers['x-forwarded-proto'],
    forwardedHost: request.headers['x-forwarded-host'],
  };
}

/** The actor a session speaks for: its account as it is now, so role and area changes apply at once. */
export function actorOf(account: Account): ActorV1 {
  return {
    accountId: account.id,
    role: account.role,
    email: account.email,
    name: account.name,
    ...(account.jurisdiction ? { jurisdiction: account.jurisdiction } : {}),
    ...(account.area ? { area: account.area } : {}),
  };
}

/**
 * The portal's server-side sessions. Any login (password today, OpenID Connect later) ends in
 * `open`, which stores the session and sets the cookie; the guard calls `resolve` on every cookie
 * request. Sessions live in PostgreSQL, so every gateway instance sees a logout or a disabled account
 * on its next request.
 */
@Injectable()
export class SessionService implements OnModuleInit, OnModuleDestroy {
  private readonly touchIntervalMs: number;
  private purgeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly config: GatewayConfig,
    private readonly runtime: ServiceRuntime,
  ) {
    this.touchIntervalMs = Math.min(MAX_TOUCH_INTERVAL_MS, Math.floor(config.sessions.idleMs / 4));
  }

  onModuleInit(): void {
    this.purgeTimer = setInterval(() => void this.purge(), PURGE_INTERVAL_MS);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.purgeTimer = null;
  }

  /** Starts a session for an account that has just proven who it is, and sets its cookie on the answer. */
  async open(
    account: Account,
    request: FastifyRequest,
    reply: FastifyReply,
    oidc: SessionOidc | null = null,
  ): Promise<void> {
    const token = newSessionToken();
    const now = Date.now();
    const absoluteExpiresAt = new Date(now + this.config.sessions.absoluteMs);
    const idleExpiresAt = new Date(Math.min(now + this.config.sessions.idleMs, absoluteExpiresAt.getTime()));
    await this.sessions.insert({
      tokenHash: sessionTokenHash(token),
      accountId: account.id,
      idleExpiresAt,
      absoluteExpiresAt,
      clientAddress: this.clientAddress(request),
      userAgent: this.userAgent(request),
      oidc,
    });
    void reply.header(
      'set-cookie',
      sessionCookieHeader(token, this.https(request), this.config.sessions.absoluteMs / 1000),
    );
  }

  /**
   * The live session of the request's cookie, or null. An expired session, or one of a disabled
   * account, is deleted on the spot (and periodically, for those nobody presents again).
   */
  async resolve(request: FastifyRequest): Promise<CurrentSession | null> {
    const token = readSessionToken(request.headers.cookie, this.https(request));
    if (token === null) return null;
    const tokenHash = sessionTokenHash(token);
    const found = await this.sessions.findWithAccount(tokenHash);
    if (!found) return null;
    const { session, account } = found;
    const now = Date.now();
    if (session.idleExpiresAt.getTime() <= now || session.absoluteExpiresAt.getTime() <= now) {
      await this.sessions.delete(tokenHash);
      return null;
    }
    if (!account.active) {
      await this.sessions.deleteForAccount(account.id, null);
      return null;
    }
    if (now - session.lastSeenAt.getTime() >= this.touchIntervalMs) {
      await this.sessions.touch(
        tokenHash,
        new Date(now - this.touchIntervalMs),
        new Date(now),
        new Date(now + this.config.sessions.idleMs),
      );
    }
    return { tokenHash, account };
  }

  /**
   * Logout: deletes the request's session, if any, and clears the cookie either way. Returns the
   * provider that opened the session, so its own session can be ended too.
   */
  async close(request: FastifyRequest, reply: FastifyReply): Promise<SessionOidc | null> {
    const token = readSessionToken(request.headers.cookie, this.https(request));
    const oidc = token === null ? null : await this.sessions.delete(sessionTokenHash(token));
    this.clearCookie(request, reply);
    return oidc;
  }

  clearCookie(request: FastifyRequest, reply: FastifyReply): void {
    void reply.header('set-cookie', sessionCookieHeader(null, this.https(request), 0));
  }

  /** Ends every session of an account (disabled, or its password changed), except `keep` if given. */
  endAllOf(accountId: string, keepTokenHash: string | null = null): Promise<void> {
    return this.sessions.deleteForAccount(accountId, keepTokenHash);
  }

  https(request: FastifyRequest): boolean {
    return isHttps(requestFacts(request), this.config.trustProxy);
  }

  userAgent(request: FastifyRequest): string | null {
    return request.headers['user-agent']?.slice(0, MAX_USER_AGENT) ?? null;
  }

  /** The TCP peer; behind a trusted proxy, the address the proxy appended last to X-Forwarded-For. */
  clientAddress(request: FastifyRequest): string | null {
    if (this.config.trustProxy) {
      const forwarded = request.headers['x-forwarded-for'];
      const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
      if (last) return last.slice(0, 100);
    }
    return request.ip || null;
  }

  private async purge(): Promise<void> {
    try {
      await this.sessions.deleteExpired(new Date());
    } catch (error) {
      this.runtime.logger.warn({ err: error }, 'purging expired sessions failed');
    }
  }
}
