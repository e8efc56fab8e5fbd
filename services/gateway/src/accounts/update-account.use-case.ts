import { Injectable } from '@nestjs/common';
import type { ActorV1 } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';
import { AccountStatusCache } from '../auth/account-status.js';
import { SessionService } from '../sessions/session.service.js';
import { AccountRepository, auditedAccount } from './account.repository.js';
import { nextAccess } from './account-rules.js';
import { toAccountResponse, type AccountResponse, type UpdateAccountRequest } from './account.dto.js';

/**
 * An administrator enables, disables or changes the role of an account; its tokens stop working,
 * and a disabled account's browser sessions are deleted.
 */
@Injectable()
export class UpdateAccountUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly status: AccountStatusCache,
    private readonly sessions: SessionService,
    private readonly audit: AuditRepository,
    private readonly runtime: ServiceRuntime,
  ) {}

  async update(actor: ActorV1, id: string, request: UpdateAccountRequest): Promise<AccountResponse> {
    const current = await this.accounts.findById(id);
    if (!current) throw ServiceError.notFound('account', id);
    const next = nextAccess(current, request, actor.accountId);
    if (!next.ok) throw ServiceError.validation(next.problems);
    // The change and its audit row in one transaction; the row's before is the account as it was locked.
    const updated = await this.runtime.transaction(async (tx) => {
      const before = await this.accounts.findById(id, tx, { lock: true });
      if (!before) return null;
      const after = await this.accounts.updateAccess(id, next.access, tx);
      if (!after) return null;
      await this.audit.record(
        actor,
        {
          action: 'account.update',
          targetType: 'account',
          targetId: id,
          before: auditedAccount(before),
          after: auditedAccount(after),
        },
        tx,
      );
      return after;
    });
    if (!updated) throw ServiceError.notFound('account', id);
    this.status.forget(id);
    // The session guard reads the account on every request and would refuse them anyway; deleting
    // them frees the rows and makes the refusal independent of that read.
    if (!updated.active) await this.sessions.endAllOf(id);
    return toAccountResponse(updated);
  }
}
