import { Injectable } from '@nestjs/common';
import {
  RequesterSearchLimits,
  STAFF_ROLES,
  type RequesterPageV1,
  type RequesterRefV1,
  type RequesterSearchQueryV1,
  type RequesterV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { decodeKeysetCursor, encodeKeysetCursor, searchTerms } from '@cau/persistence';
import { RequesterRepository } from './requester.repository.js';

/**
 * The desk finds the person calling among everyone a ticket was registered for. Staff only: the
 * directory holds the contact data of every requester.
 */
@Injectable()
export class SearchRequestersUseCase {
  constructor(private readonly requesters: RequesterRepository) {}

  async search({ actor, params }: RequesterSearchQueryV1): Promise<RequesterPageV1> {
    if (!STAFF_ROLES.includes(actor.role)) {
      throw ServiceError.forbidden({ code: 'intake.requesters-staff-only' });
    }
    const after = params.cursor === undefined ? null : decodeKeysetCursor(params.cursor);
    if (params.cursor !== undefined && after === null) {
      throw ServiceError.validation([{ field: 'cursor', constraint: 'matches' }]);
    }
    const limit = params.limit ?? RequesterSearchLimits.defaultPageSize;
    const matches = await this.requesters.search(searchTerms(params.search), after, limit + 1);
    const page = matches.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((match) => match.requester),
      nextCursor: matches.length > limit && last ? encodeKeysetCursor(last.position) : null,
    };
  }

  async get({ actor, id }: RequesterRefV1): Promise<RequesterV1> {
    if (!STAFF_ROLES.includes(actor.role)) {
      throw ServiceError.forbidden({ code: 'intake.requesters-staff-only' });
    }
    const requester = await this.requesters.find(id);
    if (!requester) throw ServiceError.notFound('requester', id);
    return requester;
  }
}
