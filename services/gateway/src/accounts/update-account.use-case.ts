import { Injectable } from '@nestjs/common';
import type { ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { AccountStatusCache } from '../auth/account-status.js';
import { SessionService } from '../sessions/session.service.js';
import { AccountRepository } from './account.repository.js';
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
  ) {}

  async update(actor: ActorV1, id: string, request: UpdateAccountRequest): Promise<AccountResponse> {
    const current = await this.accounts.findById(id);
    if (!current) throw ServiceError.notFound('account', id);
    const next = nextAccess(current, request, actor.accountId);
    if (!next.ok) throw ServiceError.validation(next.problems);
    const updated = await this.accounts.updateAccess(id, next.access);
    if (!updated) throw ServiceError.notFound('account', id);
    this.status.forget(id);
    // The session guard reads the account on every request and would refuse them anyway; deleting
    // them frees the rows and makes the refusal independent of that read.
    if (!updated.active) await this.sessions.endAllOf(id);
    return toAccountResponse(updated);
  }
}
