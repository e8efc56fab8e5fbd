import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type SessionAccount = paths['/api/v1/auth/session']['get']['responses'][200]['content']['application/json'];

/** The signed-in account, or null without a (valid) session. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<SessionAccount | null> => {
    const result = await api.GET('/api/v1/auth/session');
    if (result.response.status === 401) return null;
    return unwrap(Promise.resolve(result));
  },
  staleTime: 60_000,
});

export function useSession(): SessionAccount | null {
  return useQuery(sessionQuery).data ?? null;
}
