import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
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
              ...(filters.status ? { status: [filters.status] } : {}),
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

type TicketState = Schemas['LifecycleStateV1'];

/**
 * After an action on a ticket, resolution's answer is the ticket's new state, and the read side learns it
 * from events a moment later. The page shows the answer at once and reads the ticket again until the read
 * side has the change (a later `updatedAt`), so it never shows the older state back.
 */
export async function showTicketAfterAction(queryClient: QueryClient, state: TicketState): Promise<void> {
  const key = ticketQuery(state.number).queryKey;
  const before = queryClient.getQueryData(key);
  if (before) {
    queryClient.setQueryData(key, {
      ...before,
      status: state.status,
      overdue: state.overdue,
      area: state.area,
      waitingOnRequester: state.waitingOnRequester,
    });
  }
  for (let attempt = 0; attempt < 40; attempt++) {
    const fresh = await unwrap(api.GET('/api/v1/tickets/{number}', { params: { path: { number: state.number } } }));
    if (fresh.status === state.status && (!before || fresh.updatedAt > before.updatedAt)) {
      queryClient.setQueryData(key, fresh);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
  await queryClient.invalidateQueries({ queryKey: ['tickets', 'attachments', state.number] });
}
