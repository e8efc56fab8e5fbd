import type { ActorV1 } from '@cau/contracts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every request by the correlation hook. */
    correlationId: string;
    /** Set by AuthGuard once the bearer token is verified; null on public routes. */
    actor: ActorV1 | null;
  }
}
