import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** How this installation lets people in: password, providers, self-registration. Fixed at the gateway's boot. */
export const loginOptionsQuery = queryOptions({
  queryKey: ['login-options'],
  queryFn: () => unwrap(api.GET('/api/v1/auth/providers')),
  staleTime: Infinity,
});
