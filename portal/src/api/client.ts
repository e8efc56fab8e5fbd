import createClient from 'openapi-fetch';
import i18n from '../app/i18n';
import { claimEarlyRead } from './early-reads';
import type { components, paths } from './schema';

/** The header the gateway requires on every state-changing request made with the session cookie (CSRF). */
export const CSRF_HEADER = 'X-CAU-Requested-With';

/** For operations whose OpenAPI description lists the CSRF header (the middleware sets it on every call anyway). */
export const csrfHeader = { [CSRF_HEADER]: 'portal' } as const;

export type Schemas = components['schemas'];
export type ErrorBody = Schemas['ErrorResponse'];

/** Same origin: the session cookie goes with every call; no token ever reaches JavaScript. */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
  // A read the page started while the bundle loaded (early-reads.ts) answers its first request.
  fetch: (request) => claimEarlyRead(request) ?? fetch(request),
});

api.use({
  onRequest({ request }) {
    request.headers.set(CSRF_HEADER, 'portal');
    request.headers.set('Accept-Language', i18n.language);
    return request;
  },
});

/** A refusal from the gateway, carrying its localized message and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; an ApiError (with the gateway's own message) otherwise. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  if (result.error === undefined && result.response.ok) return result.data as T;
  const body = result.error as Partial<ErrorBody> | undefined;
  throw new ApiError(
    result.response.status,
    body?.code ?? 'HTTP_' + String(result.response.status),
    body?.message ?? i18n.t('errors.unexpected', { status: result.response.status }),
    body?.fields ?? [],
  );
}
