import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, type ActorV1, type Role } from '@cau/contracts';
import { HealthController, ServiceError } from '@cau/messaging';
import { GatewayConfig } from '../config/gateway-config.js';
import { RoleRequiredError } from '../http/role-required.error.js';
import { ensureNotCrossSite } from '../sessions/csrf.guard.js';
import { SessionService, actorOf } from '../sessions/session.service.js';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators.js';
import { AccountStatusCache } from './account-status.js';
import { mayReadMetrics } from './metrics-access.js';
import { TokenService } from './token.service.js';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * Installed globally, so an endpoint is protected unless it says otherwise: every route needs a valid
 * bearer token or the portal's session cookie, except @Public ones and the runtime's health (metrics:
 * see mayReadMetrics). @Roles narrows who may call. An Authorization header, when present, decides alone (API
 * clients behave as before); otherwise the session cookie is tried, and a cookie request that changes
 * something must also pass the CSRF check.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly accounts: AccountStatusCache,
    private readonly sessions: SessionService,
    private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (context.getClass() === HealthController) {
      // Metrics describe the platform's traffic: not for anyone who can reach the public port.
      if (
        context.getHandler() === HealthController.prototype.metrics &&
        !mayReadMetrics(
          { authorization: request.headers.authorization, remoteAddress: request.socket.remoteAddress },
          this.config.metricsToken,
        )
      ) {
        throw ServiceError.forbidden({ code: 'gateway.metrics-token' });
      }
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const actor =
      request.headers.authorization === undefined ? await this.sessionActor(request) : await this.bearerActor(request);
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) throw new RoleRequiredError(roles);
    return true;
  }

  private async bearerActor(request: FastifyRequest): Promise<ActorV1> {
    const actor = await this.tokens.verify(BEARER.exec(request.headers.authorization ?? '')?.[1] ?? null);
    await this.accounts.ensureCurrent(actor);
    return actor;
  }

  private async sessionActor(request: FastifyRequest): Promise<ActorV1> {
    const session = await this.sessions.resolve(request);
    if (!session) throw new ServiceError({ code: ErrorCode.Unauthorized });
    ensureNotCrossSite(request, this.config);
    request.sessionTokenHash = session.tokenHash;
    return actorOf(session.account);
  }
}
