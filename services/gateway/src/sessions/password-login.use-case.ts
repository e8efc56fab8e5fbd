import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, Limits } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import type { Account } from '../accounts/account.repository.js';
import { normalizeEmail } from '../accounts/account-rules.js';
import { anonymousActor, AuditRepository } from '../audit/audit.repository.js';
import { CheckCredentials } from '../auth/check-credentials.js';
import type { TokenRequest } from '../auth/token.dto.js';
import { IdentityConfig } from '../oidc/oidc-config.js';
import { actorOf, SessionService } from './session.service.js';

/**
 * The portal's password login: checks the credentials, opens the session and audits the outcome with
 * the client's address, as provider logins are. A refused attempt is recorded under the e-mail typed
 * (the answer itself still does not tell whether it has an account).
 */
@Injectable()
export class PasswordLoginUseCase {
  constructor(
    private readonly credentials: CheckCredentials,
    private readonly sessions: SessionService,
    private readonly audit: AuditRepository,
    private readonly identity: IdentityConfig,
  ) {}

  async login(body: TokenRequest, request: FastifyRequest, reply: FastifyReply): Promise<Account> {
    if (!this.identity.localLogin) throw ServiceError.forbidden();
    const origins = {
      method: 'password',
      clientAddress: this.sessions.clientAddress(request),
      userAgent: this.sessions.userAgent(request),
    };
    let account: Account;
    try {
      account = await this.credentials.check(body);
    } catch (error) {
      if (error instanceof ServiceError && error.payload.code === ErrorCode.InvalidCredentials) {
        const email = normalizeEmail(body.email).slice(0, Limits.email);
        await this.audit.record(anonymousActor(email), {
          action: 'account.sign-in-failure',
          targetType: 'account',
          targetId: email,
          before: null,
          after: { ...origins, failure: 'credentials' },
        });
      }
      throw error;
    }
    await this.sessions.open(account, request, reply);
    await this.audit.record(actorOf(account), {
      action: 'account.sign-in',
      targetType: 'account',
      targetId: account.id,
      before: null,
      after: origins,
    });
    return account;
  }
}
