import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Role } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { GatewayConfig } from '../config/gateway-config.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { AccountRepository } from './account.repository.js';

/**
 * Creates the first administrator from CAU_ADMIN_* at start, so a new installation can be entered.
 * An existing account with that e-mail is left alone: its password may have been changed since.
 */
@Injectable()
export class BootstrapAdminUseCase {
  constructor(
    private readonly config: GatewayConfig,
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly runtime: ServiceRuntime,
  ) {}

  async run(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) {
      this.runtime.logger.warn('CAU_ADMIN_EMAIL and CAU_ADMIN_PASSWORD are not set: no administrator was created');
      return;
    }
    if (await this.accounts.findByEmail(admin.email)) return;
    // Another gateway instance starting at the same time may win the insert; either way one exists.
    const created = await this.accounts.insert({
      id: randomUUID(),
      email: admin.email,
      name: admin.name,
      passwordHash: await this.passwords.hash(admin.password),
      role: Role.Admin,
      jurisdiction: null,
      area: null,
    });
    if (created) this.runtime.logger.info({ email: admin.email }, 'administrator account created');
  }
}
