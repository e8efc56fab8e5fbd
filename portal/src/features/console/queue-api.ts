import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { queuePage, type ListQuery } from './queue-search';

export type QueueRow = Schemas['TicketSummaryV1'];

/** Under ['console'], which the live stream refreshes on every ticket event (at most every 400 ms). */
export const queueQuery = (query: ListQuery) =>
  infiniteQueryOptions({
    queryKey: ['console', 'queue', query],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/tickets', { params: { query: queuePage(query, pageParam) } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const savedViewsQuery = {
  queryKey: ['console', 'views'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/views')),
};
