import { Injectable } from '@nestjs/common';
import type { TicketListQueryV1, TicketPageV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { DEFAULT_PAGE_SIZE, numberRangeProblem, pageOf } from './paging.js';
import { normalizeEmail, visibilityOf } from './ticket-visibility.js';
import { TicketViewRepository } from './ticket-view.repository.js';

@Injectable()
export class ListTicketsUseCase {
  constructor(private readonly views: TicketViewRepository) {}

  /** A page of the tickets the actor may see, narrowed by their filters, newest first. */
  async list(query: TicketListQueryV1): Promise<TicketPageV1> {
    const { filters } = query;
    const problem = numberRangeProblem('filters.before', filters.before);
    if (problem) throw ServiceError.validation([problem]);
    const visibility = visibilityOf(query.actor);
    if (visibility.kind === 'none') return { items: [], nextBefore: null };
    const limit = filters.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.views.list({
      status: filters.status,
      area: filters.area,
      priority: filters.priority,
      requesterEmail: filters.requester === undefined ? undefined : normalizeEmail(filters.requester),
      jurisdiction: filters.jurisdiction,
      // A blank search box (`?text=`) means "no text filter", not "match nothing".
      text: filters.text?.trim() || undefined,
      before: filters.before,
      limit: limit + 1,
      visibleTo: visibility,
    });
    return pageOf(rows, limit);
  }
}
