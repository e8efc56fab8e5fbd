import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ErrorCode, type ActorV1 } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { AccountRepository, auditedAccount } from './account.repository.js';
import { normalizeEmail } from './account-rules.js';
import { toAccountResponse, type AccountResponse, type CreateAccountRequest } from './account.dto.js';

@Injectable()
export class CreateAccountUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditRepository,
    private readonly runtime: ServiceRuntime,
  ) {}

  /** The account and its audit row are written in one transaction. */
  async create(actor: ActorV1, request: CreateAccountRequest): Promise<AccountResponse> {
    const account = {
      id: randomUUID(),
      email: normalizeEmail(request.email),
      name: request.name.trim(),
      passwordHash: await this.passwords.hash(request.password),
      role: request.role,
      jurisdiction: request.jurisdiction ?? null,
      area: request.area ?? null,
    };
    const created = await this.runtime.transaction(async (tx) => {
      const inserted = await this.accounts.insert(account, tx);
      if (!inserted) return null;
      await this.audit.record(
        actor,
        {
          action: 'account.create',
          targetType: 'account',
          targetId: inserted.id,
          before: null,
          after: auditedAccount(inserted),
        },
        tx,
      );
      return inserted;
    });
    if (!created) throw new ServiceError({ code: ErrorCode.Conflict });
    return toAccountResponse(created);
  }
}
