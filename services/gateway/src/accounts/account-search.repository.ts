import { Injectable } from '@nestjs/common';
import type { Role } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { wordPrefixPattern, type KeysetPosition } from '@cau/persistence';
import type { AccountSummaryResponse } from './account-search.dto.js';

export interface AccountCriteria {
  /** Words of `searchTerms`, each `[a-z0-9]+`. */
  terms: string[];
  /** Null: every role. */
  roles: readonly Role[] | null;
  area: string | null;
  active: boolean | null;
  after: KeysetPosition | null;
  limit: number;
}

interface AccountSummaryRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  area: string | null;
  jurisdiction: string | null;
  active: boolean;
  sort_name: string;
}

export interface AccountMatch {
  account: AccountSummaryResponse;
  position: KeysetPosition;
}

/** Account search over the gateway schema: trigram index for the words, keyset on (sort_name, id). */
@Injectable()
export class AccountSearchRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async search(criteria: AccountCriteria): Promise<AccountMatch[]> {
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = criteria.terms.map((term) => `search_text LIKE ${param(wordPrefixPattern(term))}`);
    if (criteria.roles) where.push(`role = ANY(${param(criteria.roles)}::text[])`);
    if (criteria.area !== null) where.push(`area = ${param(criteria.area)}`);
    if (criteria.active !== null) where.push(`active = ${param(criteria.active)}`);
    if (criteria.after) {
      where.push(`(sort_name, id) > (${param(criteria.after.sortKey)}, ${param(criteria.after.id)}::uuid)`);
    }
    const rows: AccountSummaryRow[] = await this.runtime.dataSource.query(
      `SELECT id, name, email, role, area, jurisdiction, active, sort_name FROM "${this.s}".accounts
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY sort_name, id
       LIMIT ${param(criteria.limit)}`,
      params,
    );
    return rows.map(({ sort_name, ...account }) => ({ account, position: { sortKey: sort_name, id: account.id } }));
  }
}
