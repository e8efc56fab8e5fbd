import { Injectable } from '@nestjs/common';
import type { ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { AccountRepository } from './account.repository.js';
import { toAccountResponse, type AccountResponse } from './account.dto.js';

@Injectable()
export class GetOwnAccountUseCase {
  constructor(private readonly accounts: AccountRepository) {}

  async get(actor: ActorV1): Promise<AccountResponse> {
    const account = await this.accounts.findById(actor.accountId);
    if (!account) throw ServiceError.notFound('account', actor.accountId);
    return toAccountResponse(account);
  }
}
