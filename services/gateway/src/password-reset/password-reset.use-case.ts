import { Injectable } from '@nestjs/common';
import { AccountEvents, Language, type ActorV1 } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { AccountRepository, auditedAccount, type Account } from '../accounts/account.repository.js';
import { normalizeEmail } from '../accounts/account-rules.js';
import { AuditRepository } from '../audit/audit.repository.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { GatewayConfig } from '../config/gateway-config.js';
import { SessionService } from '../sessions/session.service.js';
import { PasswordResetRepository } from './password-reset.repository.js';
import { mintResetToken, PASSWORD_RESET_TTL_SECONDS, resetTokenHash, verifyResetToken } from './reset-token.js';

const INVALID_TOKEN = ServiceError.validation([{ field: 'token', constraint: 'resetToken' }]);

/**
 * Password reset by mail: a single-use link valid for an hour, mailed by notifications (the event goes
 * through the outbox with the link's row). Setting the password uses the link up and ends the
 * account's browser sessions.
 */
@Injectable()
export class PasswordResetUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly resets: PasswordResetRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly audit: AuditRepository,
    private readonly config: GatewayConfig,
    private readonly runtime: ServiceRuntime,
  ) {}

  /**
   * Someone asks on the sign-in page. The caller answers the same, at once, whatever happens here: the
   * work runs after the answer, so neither the answer nor its timing tells whether the address has an
   * account.
   */
  requestByEmail(email: string): void {
    void (async () => {
      const account = await this.accounts.findByEmail(normalizeEmail(email));
      if (account?.active) await this.mint(account, null);
      await this.resets.purgeExpired();
    })().catch((error: unknown) => this.runtime.logger.error({ err: error }, 'password reset request failed'));
  }

  /** An administrator sends the link to an account (audited); a disabled account gets none. */
  async requestByAdmin(actor: ActorV1, accountId: string): Promise<void> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw ServiceError.notFound('account', accountId);
    if (!account.active) {
      throw ServiceError.conflict({ code: 'gateway.account-disabled' });
    }
    await this.mint(account, actor);
  }

  async confirm(token: string, password: string): Promise<void> {
    if (!verifyResetToken(this.config.jwtSecret, token)) throw INVALID_TOKEN;
    const passwordHash = await this.passwords.hash(password);
    const accountId = await this.runtime.transaction(async (tx) => {
      const owner = await this.resets.consume(tx, resetTokenHash(token));
      if (owner === null) return null;
      await this.accounts.updatePasswordHash(owner, passwordHash, tx);
      return owner;
    });
    if (accountId === null) throw INVALID_TOKEN;
    await this.sessions.endAllOf(accountId);
  }

  private async mint(account: Account, actor: ActorV1 | null): Promise<void> {
    const token = mintResetToken(this.config.jwtSecret);
    const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_SECONDS * 1000);
    await this.runtime.transaction(async (tx) => {
      await this.resets.insert(tx, resetTokenHash(token), account.id, expiresAt);
      await this.runtime.outbox.append(tx, {
        definition: AccountEvents.PasswordResetRequested,
        data: {
          accountId: account.id,
          email: account.email,
          name: account.name,
          language: account.language ?? Language.Es,
          token,
          expiresAt: expiresAt.toISOString(),
        },
        ticketId: null,
      });
      if (actor) {
        await this.audit.record(
          actor,
          {
            action: 'account.password-reset',
            targetType: 'account',
            targetId: account.id,
            // The account as it is, and when the link stops working: the diff shows only that.
            before: auditedAccount(account),
            after: { ...auditedAccount(account), resetLinkExpiresAt: expiresAt.toISOString() },
          },
          tx,
        );
      }
    });
  }
}
