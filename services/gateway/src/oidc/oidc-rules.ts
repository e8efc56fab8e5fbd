/**
 * Why a login through a provider was refused, as the login page explains it (`/ingresar?sso=<code>`):
 * `expired` the flow is unknown, used, late or of another browser (a wrong `state`); `refused` the
 * provider answered with an error; `failed` the code exchange or the ID token check failed (a replayed
 * code, a wrong `nonce`, a bad signature or audience); `disabled` the account is disabled; `no-email`
 * the provider gave no usable e-mail; `email-taken` the e-mail belongs to an account this provider may
 * not join (linking off, or the e-mail not verified).
 */
export const OIDC_FAILURES = ['expired', 'refused', 'failed', 'disabled', 'no-email', 'email-taken'] as const;
export type OidcFailure = (typeof OIDC_FAILURES)[number];

/**
 * The cookie that binds a login under way to the browser that started it: only its SHA-256 is stored
 * with the flow, so a `state` copied to another browser is useless. `__Host-` over HTTPS, as the session's.
 * SameSite=Lax, because the provider sends the browser back with a top-level GET from its own site.
 */
const SECURE_FLOW_COOKIE = '__Host-cau_oidc';
const PLAIN_FLOW_COOKIE = 'cau_oidc';
const VALUE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MAX_RETURN_TO = 500;

export function readFlowCookie(cookieHeader: string | undefined, https: boolean): string | null {
  if (!cookieHeader) return null;
  const name = https ? SECURE_FLOW_COOKIE : PLAIN_FLOW_COOKIE;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    if (VALUE_PATTERN.test(value)) return value;
  }
  return null;
}

/** Sets the cookie for `maxAgeSeconds`, or deletes it when `value` is null. */
export function flowCookieHeader(value: string | null, https: boolean, maxAgeSeconds: number): string {
  const attributes = [
    `${https ? SECURE_FLOW_COOKIE : PLAIN_FLOW_COOKIE}=${value ?? ''}`,
    'Path=/',
    `Max-Age=${value === null ? 0 : Math.floor(maxAgeSeconds)}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (https) attributes.push('Secure');
  return attributes.join('; ');
}

/**
 * Where the portal goes after login: a path of this site only. `//host` and `/\host` are read by
 * browsers as another host, so they (and anything not starting with one `/`) fall back to `/`.
 */
export function safeReturnTo(raw: string | undefined): string {
  if (!raw || raw.length > MAX_RETURN_TO || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) {
    return '/';
  }
  // Control characters (a CR/LF would split the Location header) never belong in a path.
  return [...raw].some((character) => character.charCodeAt(0) < 0x20) ? '/' : raw;
}
