import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { AccountRepository, type Account } from '../accounts/account.repository.js';
import { normalizeEmail } from '../accounts/account-rules.js';
import { PasswordHasher } from './password-hasher.js';

/**
 * The account an e-mail and password prove, for every password login (token or browser session).
 * Unknown e-mail, wrong password and disabled account get the same answer after the same amount of
 * hashing, so none of them can be told apart.
 */
@Injectable()
export class CheckCredentials {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  async check(credentials: { email: string; password: string }): Promise<Account> {
    const account = await this.accounts.findByEmail(normalizeEmail(credentials.email));
    const matches = await this.passwords.verify(account?.passwordHash ?? null, credentials.password);
    if (!account || !account.active || !matches) throw new ServiceError({ code: ErrorCode.InvalidCredentials });
    return account;
  }
}
