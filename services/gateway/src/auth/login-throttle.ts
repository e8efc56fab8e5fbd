import { createHash } from 'node:crypto';
import { Injectable, type ExecutionContext, type Provider } from '@nestjs/common';
import {
  ThrottlerGuard,
  ThrottlerStorageService,
  getOptionsToken,
  getStorageToken,
  normalizeIp,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { normalizeEmail } from '../accounts/account-rules.js';
import { GatewayConfig } from '../config/gateway-config.js';

/**
 * Who is trying which account. Keyed by both, so an attacker guessing one account's password is
 * stopped without locking its owner out from elsewhere, and many people behind one NAT (or a test
 * logging in many accounts from 127.0.0.1) do not share a budget. The e-mail is normalized as the
 * login does, or `Ana@x` and `ana@x` would be two budgets for one account.
 */
export function loginAttemptTracker(ip: string, body: unknown): string {
  const email = (body as { email?: unknown } | null | undefined)?.email;
  return `${normalizeIp(ip)} ${typeof email === 'string' ? normalizeEmail(email) : ''}`;
}

/**
 * Limits `POST /auth/token` and `POST /auth/session` (AUTH_RATE_LIMIT attempts per AUTH_RATE_WINDOW_SECONDS; every attempt
 * counts, successful or not). The counters live in this instance's memory: behind a load balancer
 * each instance keeps its own. A refusal is TOO_MANY_ATTEMPTS with the seconds left, which the error
 * filter also sends as Retry-After.
 */
@Injectable()
export class LoginThrottleGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { ip, body } = request as unknown as FastifyRequest;
    return Promise.resolve(loginAttemptTracker(ip, body));
  }

  /**
   * One budget for every password login route: by default the key includes the handler, and a guesser
   * would get the limit once per login endpoint.
   */
  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    // Hashed like the default key: the e-mail comes from a body not yet validated, of any length.
    return createHash('sha256').update(`login-${name}-${suffix}`).digest('hex');
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new ServiceError({ code: ErrorCode.TooManyAttempts, params: { retryAfter: detail.timeToBlockExpire } });
  }
}

/**
 * `PUT /accounts/me/password` checks a password too, so a borrowed session must not become a way to
 * guess it: attempts count against the same budget as logins, keyed by the caller's own e-mail
 * (the guard runs after AuthGuard has set the actor).
 */
@Injectable()
export class PasswordChangeThrottleGuard extends LoginThrottleGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { ip, actor } = request as unknown as FastifyRequest;
    return Promise.resolve(loginAttemptTracker(ip, { email: actor?.email }));
  }
}

/** What LoginThrottleGuard needs, without a ThrottlerModule: its limits come from GatewayConfig. */
export const loginThrottleProviders: Provider[] = [
  {
    provide: getOptionsToken(),
    inject: [GatewayConfig],
    useFactory: (config: GatewayConfig): ThrottlerModuleOptions => ({
      throttlers: [{ limit: config.authRateLimit, ttl: config.authRateWindowSeconds * 1000 }],
      // X-RateLimit-* would tell a guesser exactly how many tries remain; Retry-After is set by the filter.
      setHeaders: false,
    }),
  },
  { provide: getStorageToken(), useClass: ThrottlerStorageService },
];
