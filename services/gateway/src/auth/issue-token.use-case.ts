import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { AccountRepository } from '../accounts/account.repository.js';
import { normalizeEmail } from '../accounts/account-rules.js';
import { PasswordHasher } from './password-hasher.js';
import { TokenService, type AccessToken } from './token.service.js';
import type { TokenRequest } from './token.dto.js';

/**
 * Exchanges e-mail and password for an access token. Unknown e-mail, wrong password and disabled
 * account get the same answer after the same amount of hashing, so none of them can be told apart.
 */
@Injectable()
export class IssueTokenUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async issue(request: TokenRequest): Promise<AccessToken> {
    const account = await this.accounts.findByEmail(normalizeEmail(request.email));
    const matches = await this.passwords.verify(account?.passwordHash ?? null, request.password);
    if (!account || !account.active || !matches) throw new ServiceError({ code: ErrorCode.InvalidCredentials });
    return this.tokens.issue(account);
  }
}
