import { Injectable } from '@nestjs/common';
import type { ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { PasswordHasher } from '../auth/password-hasher.js';
import { SessionService } from '../sessions/session.service.js';
import { AccountRepository } from './account.repository.js';
import {
  toAccountResponse,
  type AccountResponse,
  type ChangePasswordRequest,
  type UpdateOwnAccountRequest,
} from './account.dto.js';

/** What people change in their own account: the portal language and the password. */
@Injectable()
export class ManageOwnAccountUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
  ) {}

  async update(actor: ActorV1, request: UpdateOwnAccountRequest): Promise<AccountResponse> {
    const updated = await this.accounts.updateLanguage(actor.accountId, request.language);
    if (!updated) throw ServiceError.notFound('account', actor.accountId);
    return toAccountResponse(updated);
  }

  /**
   * Needs the current password, so a session left open on a shared computer cannot be turned into a
   * stolen account. Ends every other session of the account; `currentSessionHash` (the session that
   * asked, if any) stays. Access tokens already issued keep working until they expire.
   */
  async changePassword(
    actor: ActorV1,
    request: ChangePasswordRequest,
    currentSessionHash: string | null,
  ): Promise<void> {
    const account = await this.accounts.findById(actor.accountId);
    if (!account) throw ServiceError.notFound('account', actor.accountId);
    if (!(await this.passwords.verify(account.passwordHash, request.currentPassword))) {
      throw ServiceError.validation([{ field: 'currentPassword', constraint: 'wrongPassword' }]);
    }
    const hash = await this.passwords.hash(request.newPassword);
    if (!(await this.accounts.updatePasswordHash(account.id, hash))) {
      throw ServiceError.notFound('account', account.id);
    }
    await this.sessions.endAllOf(account.id, currentSessionHash);
  }
}
