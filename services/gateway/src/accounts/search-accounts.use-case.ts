import { Injectable } from '@nestjs/common';
import { Role, STAFF_ROLES, type ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { decodeKeysetCursor, encodeKeysetCursor, searchTerms } from '@cau/persistence';
import {
  ACCOUNT_SEARCH_PAGE_SIZE,
  type AccountSearchParams,
  type AccountSummaryPageResponse,
} from './account-search.dto.js';
import { AccountSearchRepository } from './account-search.repository.js';

/**
 * Staff find colleagues (to assign a ticket, pick an agent of an area); administrators find anyone.
 * Requesters' and referentes' accounts are the administrators' business only.
 */
@Injectable()
export class SearchAccountsUseCase {
  constructor(private readonly accounts: AccountSearchRepository) {}

  async search(actor: ActorV1, params: AccountSearchParams): Promise<AccountSummaryPageResponse> {
    const admin = actor.role === Role.Admin;
    if (!admin && params.role !== undefined && !STAFF_ROLES.includes(params.role)) {
      throw ServiceError.forbidden({ code: 'gateway.account-search-admins-only' });
    }
    const after = params.cursor === undefined ? null : decodeKeysetCursor(params.cursor);
    if (params.cursor !== undefined && after === null) {
      throw ServiceError.validation([{ field: 'cursor', constraint: 'matches' }]);
    }
    const limit = params.limit ?? ACCOUNT_SEARCH_PAGE_SIZE.default;
    const matches = await this.accounts.search({
      terms: searchTerms(params.search),
      roles: params.role !== undefined ? [params.role] : admin ? null : STAFF_ROLES,
      area: params.area ?? null,
      active: params.active === undefined ? null : params.active === 'true',
      after,
      limit: limit + 1,
    });
    const page = matches.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((match) => match.account),
      nextCursor: matches.length > limit && last ? encodeKeysetCursor(last.position) : null,
    };
  }
}
