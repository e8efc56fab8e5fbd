import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { PasswordHasher } from '../auth/password-hasher.js';
import { AccountRepository } from './account.repository.js';
import { normalizeEmail } from './account-rules.js';
import { toAccountResponse, type AccountResponse, type CreateAccountRequest } from './account.dto.js';

@Injectable()
export class CreateAccountUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  async create(request: CreateAccountRequest): Promise<AccountResponse> {
    const created = await this.accounts.insert({
      id: randomUUID(),
      email: normalizeEmail(request.email),
      name: request.name.trim(),
      passwordHash: await this.passwords.hash(request.password),
      role: request.role,
      jurisdiction: request.jurisdiction ?? null,
      area: request.area ?? null,
    });
    if (!created) throw new ServiceError({ code: ErrorCode.Conflict });
    return toAccountResponse(created);
  }
}
