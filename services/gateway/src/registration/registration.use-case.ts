import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AccountEvents, Language, Role } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { AccountRepository, auditedAccount } from '../accounts/account.repository.js';
import { normalizeEmail } from '../accounts/account-rules.js';
import { anonymousActor, AuditRepository } from '../audit/audit.repository.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { GatewayConfig } from '../config/gateway-config.js';
import { IdentityConfig, registrationAllows } from '../oidc/oidc-config.js';
import { mintMailedToken, resetTokenHash, verifyMailedToken } from '../password-reset/reset-token.js';
import { actorOf, SessionService } from '../sessions/session.service.js';
import { RegistrationRepository } from './registration.repository.js';
import type { RegistrationRequest } from './registration.dto.js';

/** How long a verification link works: a day, as people read mail later than they reset a password. */
export const REGISTRATION_TTL_SECONDS = 24 * 3600;

const INVALID_TOKEN = ServiceError.validation([{ field: 'token', constraint: 'registrationToken' }]);

/**
 * Requester self-registration with a password, where the installation opens it (SELF_REGISTRATION, checked
 * by RegistrationOpenGuard):
 * nothing is created until the mailed link proves the address. The page's answer never tells whether
 * the address has an account; its owner is mailed a pointer to the password reset instead.
 */
@Injectable()
export class RegistrationUseCase {
  constructor(
    private readonly identity: IdentityConfig,
    private readonly registrations: RegistrationRepository,
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly audit: AuditRepository,
    private readonly config: GatewayConfig,
    private readonly runtime: ServiceRuntime,
  ) {}

  /**
   * Checks what can be told without revealing anything (registration open, the address's domain; the
   * password by the request's validation), then answers at once: the rest runs after the answer, so
   * neither the answer nor its timing tells whether the address has an account.
   */
  request(request: RegistrationRequest, origin: FastifyRequest): void {
    const email = normalizeEmail(request.email);
    if (!registrationAllows(this.identity.selfRegistration, email)) {
      throw ServiceError.validation([
        { field: 'email', constraint: 'emailDomain', params: [...this.identity.selfRegistration.domains] },
      ]);
    }
    const facts = this.origins(origin);
    void (async () => {
      await this.mailFor(email, request.name.trim(), request.password, request.language ?? Language.Es, facts);
      await this.registrations.purgeExpired();
    })().catch((error: unknown) => this.runtime.logger.error({ err: error }, 'registration request failed'));
  }

  /** The mailed link was opened: the requester account is created, once. Returns its address. */
  async verify(token: string, origin: FastifyRequest): Promise<string> {
    if (!verifyMailedToken(this.config.jwtSecret, 'registration', token)) throw INVALID_TOKEN;
    const created = await this.runtime.transaction(async (tx) => {
      const registration = await this.registrations.consume(tx, resetTokenHash(token));
      if (!registration) return null;
      const account = await this.accounts.insert(
        {
          id: randomUUID(),
          email: registration.email,
          name: registration.name,
          passwordHash: registration.passwordHash,
          role: Role.Requester,
          jurisdiction: null,
          area: null,
        },
        tx,
      );
      if (!account) {
        // Registered twice before either link was opened, or an administrator created it meanwhile.
        throw ServiceError.conflict({ code: 'gateway.email-has-account' });
      }
      await this.audit.record(
        actorOf(account),
        {
          action: 'account.registration-verify',
          targetType: 'account',
          targetId: account.id,
          before: null,
          after: { ...auditedAccount(account), ...this.origins(origin) },
        },
        tx,
      );
      return account;
    });
    if (!created) throw INVALID_TOKEN;
    return created.email;
  }

  private async mailFor(
    email: string,
    name: string,
    password: string,
    language: Language,
    facts: Record<string, unknown>,
  ): Promise<void> {
    const existing = await this.accounts.findByEmail(email);
    // Hashed in both cases, so the work (and a log's timing) is the same whether the address is known.
    const passwordHash = await this.passwords.hash(password);
    const token = existing ? null : mintMailedToken(this.config.jwtSecret, 'registration');
    const expiresAt = existing ? null : new Date(Date.now() + REGISTRATION_TTL_SECONDS * 1000);
    await this.runtime.transaction(async (tx) => {
      if (token !== null && expiresAt !== null) {
        await this.registrations.insert(tx, resetTokenHash(token), { email, name, passwordHash, language }, expiresAt);
      }
      await this.runtime.outbox.append(tx, {
        definition: AccountEvents.RegistrationRequested,
        data: {
          email,
          name: existing?.name ?? name,
          language: existing?.language ?? language,
          accountExists: existing !== null,
          token,
          expiresAt: expiresAt?.toISOString() ?? null,
        },
        ticketId: null,
      });
      await this.audit.record(
        anonymousActor(name),
        {
          action: 'account.registration-request',
          targetType: 'account',
          targetId: existing?.id ?? email,
          before: null,
          after: { email, name, accountExists: existing !== null, ...facts },
        },
        tx,
      );
    });
  }

  private origins(request: FastifyRequest): Record<string, unknown> {
    return { clientAddress: this.sessions.clientAddress(request), userAgent: this.sessions.userAgent(request) };
  }
}
