import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { ServiceLogFilters } from './service-log-search';

export type ServiceLogEntry = Schemas['ServiceLogEntryV1'];

export const SERVICE_LOG_PAGE_SIZE = 50;

/** The gateway's filters only: the holder's name travels in the address for the page's own heading. */
function apiFilters({ holderName: _name, ...filters }: ServiceLogFilters): Omit<ServiceLogFilters, 'holderName'> {
  return filters;
}

export const serviceLogQuery = (filters: ServiceLogFilters) =>
  infiniteQueryOptions({
    queryKey: ['service-log', apiFilters(filters)],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/inventory/service-log', {
          params: {
            query: {
              ...apiFilters(filters),
              limit: SERVICE_LOG_PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: false,
  });

/** The whole filtered log as a file (CSV or the F02 PDF): the browser downloads it with the session cookie. */
export function serviceLogFileUrl(filters: ServiceLogFilters, format: 'csv' | 'pdf'): string {
  const query = new URLSearchParams(
    Object.entries(apiFilters(filters)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  ).toString();
  return `/api/v1/inventory/service-log.${format}${query ? `?${query}` : ''}`;
}

/** A ticket's F01 "Atención a Usuarios de la Unidad" (PDF). */
export const f01Url = (ticketNumber: number): string => `/api/v1/tickets/${ticketNumber}/f01.pdf`;
