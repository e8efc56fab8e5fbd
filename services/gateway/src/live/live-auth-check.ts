import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ActorV1 } from '@cau/contracts';
import { isDatabaseUnavailable } from '@cau/persistence';
import { AccountStatusCache } from '../auth/account-status.js';
import { TokenService } from '../auth/token.service.js';
import { SessionRepository } from '../sessions/session.repository.js';
import { actorOf } from '../sessions/session.service.js';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * An open stream outlives the request that the guard checked: it asks again, now and then, whether the
 * same token or session would still be let in as the same actor. A session is read without being
 * touched, so a forgotten tab's stream does not keep its session from idling out.
 */
@Injectable()
export class LiveAuthCheck {
  constructor(
    private readonly tokens: TokenService,
    private readonly accounts: AccountStatusCache,
    private readonly sessions: SessionRepository,
  ) {}

  async stillValid(request: FastifyRequest, actor: ActorV1): Promise<boolean> {
    try {
      if (request.headers.authorization !== undefined) {
        const current = await this.tokens.verify(BEARER.exec(request.headers.authorization)?.[1] ?? null);
        await this.accounts.ensureCurrent(current);
        return sameActor(current, actor);
      }
      if (!request.sessionTokenHash) return false;
      const found = await this.sessions.findWithAccount(request.sessionTokenHash);
      if (!found) return false;
      const now = Date.now();
      return (
        found.account.active &&
        found.session.idleExpiresAt.getTime() > now &&
        found.session.absoluteExpiresAt.getTime() > now &&
        sameActor(actorOf(found.account), actor)
      );
    } catch (error) {
      // The database cannot say right now: keep the stream until the next check rather than cut every
      // stream of the instance at once. Anything else is a refusal.
      return isDatabaseUnavailable(error);
    }
  }
}

function sameActor(a: ActorV1, b: ActorV1): boolean {
  return (
    a.accountId === b.accountId &&
    a.role === b.role &&
    a.email === b.email &&
    a.jurisdiction === b.jurisdiction &&
    a.area === b.area
  );
}
