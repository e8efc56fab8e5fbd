import type { ActorV1 } from '@cau/contracts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every request by the correlation hook. */
    correlationId: string;
    /** Set by AuthGuard once the bearer token or session is verified; null on public routes. */
    actor: ActorV1 | null;
    /** Set by AuthGuard when the session cookie authenticated the request (SHA-256 hex of the cookie). */
    sessionTokenHash?: string;
  }
}
