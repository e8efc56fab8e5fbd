import { Injectable } from '@nestjs/common';
import {
  ReportLimits,
  type ActorV1,
  type TicketExportPageQueryV1,
  type TicketFiltersV1,
  type TicketListQueryV1,
  type TicketPageV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { DEFAULT_PAGE_SIZE, numberRangeProblem, pageOf } from './paging.js';
import { normalizeEmail, visibilityOf } from './ticket-visibility.js';
import { TicketViewRepository } from './ticket-view.repository.js';

@Injectable()
export class ListTicketsUseCase {
  constructor(private readonly views: TicketViewRepository) {}

  /** A page of the tickets the actor may see, narrowed by their filters, newest first. */
  list(query: TicketListQueryV1): Promise<TicketPageV1> {
    const { filters } = query;
    return this.page(query.actor, filters, 'filters.before', filters.before, filters.limit ?? DEFAULT_PAGE_SIZE);
  }

  /** A page of an export: the same tickets as the list, in pages of the export's fixed size. */
  exportPage(query: TicketExportPageQueryV1): Promise<TicketPageV1> {
    return this.page(query.actor, query.filters, 'before', query.before, ReportLimits.exportPageSize);
  }

  private async page(
    actor: ActorV1,
    filters: TicketFiltersV1,
    beforeField: string,
    before: number | undefined,
    limit: number,
  ): Promise<TicketPageV1> {
    const problem = numberRangeProblem(beforeField, before);
    if (problem) throw ServiceError.validation([problem]);
    const visibility = visibilityOf(actor);
    if (visibility.kind === 'none') return { items: [], nextBefore: null };
    const rows = await this.views.list({
      status: filters.status,
      area: filters.area,
      priority: filters.priority,
      requesterEmail: filters.requester === undefined ? undefined : normalizeEmail(filters.requester),
      jurisdiction: filters.jurisdiction,
      // A blank search box (`?text=`) means "no text filter", not "match nothing".
      text: filters.text?.trim() || undefined,
      before,
      limit: limit + 1,
      visibleTo: visibility,
    });
    return pageOf(rows, limit);
  }
}
