import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { TicketStatus } from './ticket-status';

export const PAGE_SIZE = 50;

export interface TicketListFilters {
  status?: TicketStatus | undefined;
  text?: string | undefined;
  before?: number | undefined;
}

export const ticketListQuery = (filters: TicketListFilters) =>
  queryOptions({
    queryKey: ['tickets', 'list', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/tickets', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(filters.status ? { status: filters.status } : {}),
              ...(filters.text ? { text: filters.text } : {}),
              ...(filters.before ? { before: filters.before } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const ticketQuery = (number: number) =>
  queryOptions({
    queryKey: ['tickets', 'detail', number],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}', { params: { path: { number } } })),
  });
