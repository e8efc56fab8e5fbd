import { Injectable } from '@nestjs/common';
import type { Role } from '@cau/contracts';
import { sql } from 'kysely';
import { ServiceRuntime } from '@cau/messaging';
import { fetchRows, wordPrefixPattern, type KeysetPosition } from '@cau/persistence';
import { gatewayRows } from '../rows.js';
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

export interface AccountMatch {
  account: AccountSummaryResponse;
  position: KeysetPosition;
}

/** Account search over the gateway schema: trigram index for the words, keyset on (sort_name, id). */
@Injectable()
export class AccountSearchRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async search(criteria: AccountCriteria): Promise<AccountMatch[]> {
    const { roles, area, active, after } = criteria;
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('accounts')
        .select(['id', 'name', 'email', 'role', 'area', 'jurisdiction', 'active', 'sort_name'])
        .$call((query) =>
          criteria.terms.reduce((q, term) => q.where('search_text', 'like', wordPrefixPattern(term)), query),
        )
        .$if(roles !== null, (q) => q.where('role', '=', sql<Role>`ANY(${roles}::text[])`))
        .$if(area !== null, (q) => q.where('area', '=', area))
        .$if(active !== null, (q) => q.where('active', '=', active!))
        .$if(after !== null, (q) => q.where(sql<boolean>`(sort_name, id) > (${after!.sortKey}, ${after!.id}::uuid)`))
        .orderBy('sort_name')
        .orderBy('id')
        .limit(criteria.limit),
    );
    return rows.map(({ sort_name, ...account }) => ({ account, position: { sortKey: sort_name, id: account.id } }));
  }
}
