import { Injectable } from '@nestjs/common';
import { ErrorCode, type ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { AccountRepository, type Account } from '../accounts/account.repository.js';
import { GatewayConfig } from '../config/gateway-config.js';

export type AccountStatus = Pick<Account, 'active' | 'role' | 'jurisdiction' | 'area'>;

/**
 * A token speaks for its account only while the account still is what the token says: active, with
 * the same role, jurisdiction and area. Otherwise the holder must log in again (and a disabled
 * account cannot).
 */
export function tokenMatchesAccount(actor: ActorV1, account: AccountStatus | null): boolean {
  return (
    account !== null &&
    account.active &&
    account.role === actor.role &&
    (account.jurisdiction ?? undefined) === actor.jurisdiction &&
    (account.area ?? undefined) === actor.area
  );
}

/**
 * Refuses tokens of accounts disabled or changed since the token was issued. Each instance keeps
 * what it read for AUTH_ACCOUNT_CACHE_SECONDS, so requests cost no database round trip; a change
 * made through another instance (or straight in the database) takes effect here within that time,
 * one made through this instance at once. Entries exist only for accounts that presented a valid
 * signed token, so the map is bounded by the number of accounts.
 */
@Injectable()
export class AccountStatusCache {
  /** The lookup itself is cached, so a burst of requests from one account asks the database once. */
  private readonly entries = new Map<string, { status: Promise<AccountStatus | null>; expiresAt: number }>();
  private readonly ttlMs: number;

  constructor(
    private readonly accounts: AccountRepository,
    config: GatewayConfig,
  ) {
    this.ttlMs = config.accountCacheSeconds * 1000;
  }

  async ensureCurrent(actor: ActorV1): Promise<void> {
    if (!tokenMatchesAccount(actor, await this.status(actor.accountId))) {
      throw new ServiceError({ code: ErrorCode.Unauthorized });
    }
  }

  /** Called after this instance changes an account, so its own cache is never stale. */
  forget(accountId: string): void {
    this.entries.delete(accountId);
  }

  private status(accountId: string): Promise<AccountStatus | null> {
    const now = Date.now();
    const cached = this.entries.get(accountId);
    if (cached && cached.expiresAt > now) return cached.status;
    const entry = { status: this.read(accountId), expiresAt: now + this.ttlMs };
    this.entries.set(accountId, entry);
    // A failed read must not be served from the cache to later requests.
    entry.status.catch(() => {
      if (this.entries.get(accountId) === entry) this.entries.delete(accountId);
    });
    return entry.status;
  }

  private async read(accountId: string): Promise<AccountStatus | null> {
    const account = await this.accounts.findById(accountId);
    return account
      ? { active: account.active, role: account.role, jurisdiction: account.jurisdiction, area: account.area }
      : null;
  }
}
