/** The header the portal sends on every request; a form or an <img> on another site cannot send it. */
export const REQUESTED_WITH_HEADER = 'x-cau-requested-with';
export const REQUESTED_WITH_VALUE = 'portal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfFacts {
  method: string;
  requestedWith: string | string[] | undefined;
  origin: string | string[] | undefined;
  secFetchSite: string | string[] | undefined;
  /** The origin the request was addressed to (scheme and Host), see requestOrigin. */
  requestOrigin: string | null;
  /** CORS_ORIGINS: other origins allowed to call with the cookie. */
  allowedOrigins: readonly string[];
}

export type CsrfRefusal = 'header' | 'origin' | 'fetchSite';

function single(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
}

/**
 * Whether a request authenticated by the session cookie may change something: safe methods always;
 * otherwise only with `X-CAU-Requested-With: portal` (a custom header, which a cross-site form cannot
 * send and a cross-site fetch cannot send without a CORS preflight we do not grant) and from the
 * gateway's own origin or one listed in CORS_ORIGINS. Browsers that send no Origin must say
 * `Sec-Fetch-Site: same-origin`. Null means allowed; otherwise what was missing.
 */
export function csrfRefusal(facts: CsrfFacts): CsrfRefusal | null {
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return null;
  if (single(facts.requestedWith)?.trim().toLowerCase() !== REQUESTED_WITH_VALUE) return 'header';
  const origin = single(facts.origin);
  if (facts.origin !== undefined) {
    // `Origin: null` (sandboxed frames, some redirects) names no origin and is refused like a foreign one.
    const normalized = origin?.trim().toLowerCase();
    const allowed =
      normalized !== undefined &&
      normalized !== 'null' &&
      (normalized === facts.requestOrigin || facts.allowedOrigins.some((o) => o.toLowerCase() === normalized));
    return allowed ? null : 'origin';
  }
  return single(facts.secFetchSite)?.trim().toLowerCase() === 'same-origin' ? null : 'fetchSite';
}
