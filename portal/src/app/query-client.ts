import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { rememberSignedIn, type EarlyAccount } from '../api/early-reads';

/**
 * A 401 while signed in means the session ended (expired, or closed elsewhere): the person is sent to the
 * login page, told why, and brought back to where they were afterwards.
 */
function onSessionLost(error: unknown): void {
  if (!(error instanceof ApiError) || error.status !== 401) return;
  if (!queryClient.getQueryData(['session'])) return;
  queryClient.setQueryData(['session'], null);
  sendToLogin(window.location.pathname + window.location.search);
}

let sendToLogin: (redirect: string) => void = () => undefined;

/** The router registers how to reach the login page (it imports this module, so not the other way round). */
export function onSessionExpired(handler: (redirect: string) => void): void {
  sendToLogin = handler;
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onSessionLost }),
  mutationCache: new MutationCache({ onError: onSessionLost }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal will not change on retry; a network hiccup might.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});

const SESSION_HASH = JSON.stringify(['session']);

// Whoever the session says is signed in (read, signed in, signed out, expired): the next page opened by its address
// starts its reads for them before the session answers (api/early-reads.ts).
queryClient.getQueryCache().subscribe(({ type, query }) => {
  if (type !== 'updated' || query.queryHash !== SESSION_HASH || query.state.status !== 'success') return;
  rememberSignedIn((query.state.data as EarlyAccount | null | undefined) ?? null);
});
