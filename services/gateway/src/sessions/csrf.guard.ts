import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { GatewayConfig } from '../config/gateway-config.js';
import { REQUESTED_WITH_HEADER, csrfRefusal } from './csrf.js';
import { requestOrigin } from './session-cookie.js';
import { requestFacts } from './session.service.js';

/** Throws CSRF_REFUSED unless the request may change something on the strength of the session cookie. */
export function ensureNotCrossSite(request: FastifyRequest, config: GatewayConfig): void {
  const refusal = csrfRefusal({
    method: request.method,
    requestedWith: request.headers[REQUESTED_WITH_HEADER],
    origin: request.headers.origin,
    secFetchSite: request.headers['sec-fetch-site'],
    requestOrigin: requestOrigin(requestFacts(request), config.trustProxy),
    allowedOrigins: config.corsOrigins,
  });
  if (refusal !== null) throw new ServiceError({ code: ErrorCode.CsrfRefused, params: { reason: refusal } });
}

/**
 * For the session endpoints themselves, which are public: logging in (login CSRF would sign the
 * victim into the attacker's account) and logging out need the portal's header and origin too.
 * Everything else gets the same check from AuthGuard when the cookie authenticates it.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly config: GatewayConfig) {}

  canActivate(context: ExecutionContext): boolean {
    ensureNotCrossSite(context.switchToHttp().getRequest<FastifyRequest>(), this.config);
    return true;
  }
}
