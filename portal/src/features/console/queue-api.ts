import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { ListQuery } from './queue-search';

export type QueueRow = Schemas['TicketSummaryResponse'];

/** Rows fetched per page: a screenful and more; "load more" and scrolling ask for the next by its cursor. */
export const QUEUE_PAGE_SIZE = 100;

/** Under ['console'], which the live stream refreshes on every ticket event (at most every 400 ms). */
export const queueQuery = (query: ListQuery) =>
  infiniteQueryOptions({
    queryKey: ['console', 'queue', query],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/tickets', {
          params: { query: { ...query, limit: QUEUE_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const savedViewsQuery = {
  queryKey: ['console', 'views'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/views')),
};
