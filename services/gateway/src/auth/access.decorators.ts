import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { ActorV1, Role } from '@cau/contracts';
import { ApiErrors } from '../http/error-response.js';

export const ROLES_KEY = 'cau:roles';
export const PUBLIC_KEY = 'cau:public';
/** OpenAPI extension listing the roles; the document builder also writes them into the description. */
export const ROLES_EXTENSION = 'x-roles';

/** The OpenAPI security scheme of the portal's session cookie. */
export const SESSION_SECURITY = 'session';

/**
 * Only accounts with one of these roles may call the endpoint (checked by AuthGuard, stated in
 * OpenAPI), with a bearer token or the portal's session cookie.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiCookieAuth(SESSION_SECURITY),
    ApiExtension(ROLES_EXTENSION, roles),
    ApiErrors(401, 403),
  );
}

/** Callable without a token or session. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_KEY, true);
}

/** The verified caller; only on endpoints behind AuthGuard. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): ActorV1 => {
  const { actor } = context.switchToHttp().getRequest<FastifyRequest>();
  if (!actor) throw new Error('CurrentActor used on a public endpoint');
  return actor;
});
