import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Role } from '@cau/contracts';
import { HealthController } from '@cau/messaging';
import { RoleRequiredError } from '../http/role-required.error.js';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators.js';
import { AccountStatusCache } from './account-status.js';
import { TokenService } from './token.service.js';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * Installed globally, so an endpoint is protected unless it says otherwise: every route needs a valid
 * bearer token except @Public ones and the runtime's health and metrics. @Roles narrows who may call.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly accounts: AccountStatusCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (context.getClass() === HealthController || this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const actor = await this.tokens.verify(BEARER.exec(request.headers.authorization ?? '')?.[1] ?? null);
    await this.accounts.ensureCurrent(actor);
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) throw new RoleRequiredError(roles);
    return true;
  }
}
