import { Injectable } from '@nestjs/common';
import {
  ReportLimits,
  type ActorV1,
  type TicketExportPageQueryV1,
  type TicketFiltersV1,
  type TicketListQueryV1,
  type TicketPageV1,
  type TicketSort,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { ReportingSettings } from '../reports/reporting-settings.js';
import { DEFAULT_PAGE_SIZE, pageOf, startOf } from './paging.js';
import { queueFiltersOf } from './queue-filters.js';
import { visibilityOf } from './ticket-visibility.js';
import { TicketViewRepository } from './ticket-view.repository.js';

/** Where a page starts, as the request put it (field paths for refusals). */
interface PageRequest {
  sort: TicketSort;
  cursor: { field: string; value: string | undefined };
  before: { field: string; value: number | undefined };
  limit: number;
}

@Injectable()
export class ListTicketsUseCase {
  constructor(
    private readonly views: TicketViewRepository,
    private readonly settings: ReportingSettings,
  ) {}

  /** A page of the tickets the actor may see, narrowed by their filters, in the order they asked for. */
  list(query: TicketListQueryV1): Promise<TicketPageV1> {
    const { filters } = query;
    return this.page(query.actor, filters, {
      sort: filters.sort ?? 'newest',
      cursor: { field: 'filters.cursor', value: filters.cursor },
      before: { field: 'filters.before', value: filters.before },
      limit: filters.limit ?? DEFAULT_PAGE_SIZE,
    });
  }

  /** A page of an export: the same tickets as the list, newest first, in pages of the export's fixed size. */
  exportPage(query: TicketExportPageQueryV1): Promise<TicketPageV1> {
    return this.page(query.actor, query.filters, {
      sort: 'newest',
      cursor: { field: 'cursor', value: undefined },
      before: { field: 'before', value: query.before },
      limit: ReportLimits.exportPageSize,
    });
  }

  private async page(actor: ActorV1, filters: TicketFiltersV1, request: PageRequest): Promise<TicketPageV1> {
    const start = startOf(request.sort, request.cursor, request.before);
    if (!start.ok) throw ServiceError.validation([start.problem]);
    const resolved = queueFiltersOf(filters, actor, new Date(), 'filters.');
    if (!resolved.ok) throw ServiceError.validation(resolved.problems);
    const visibility = visibilityOf(actor);
    if (visibility.kind === 'none') return { items: [], nextCursor: null, nextBefore: null };
    const rows = await this.views.list({
      filters: resolved.filters,
      sort: request.sort,
      after: start.after,
      limit: request.limit + 1,
      visibleTo: visibility,
      timeZone: this.settings.timeZone,
    });
    return pageOf(rows, request.limit, request.sort);
  }
}
