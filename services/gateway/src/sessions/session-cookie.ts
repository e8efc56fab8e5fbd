import { createHash, randomBytes } from 'node:crypto';

/**
 * Over HTTPS the cookie carries the `__Host-` prefix, which browsers accept only with Secure, Path=/
 * and no Domain: no other host (a sibling subdomain, a plain-HTTP man in the middle) can plant or
 * overwrite it. Browsers refuse Secure cookies over plain HTTP, so development uses a plain name.
 */
export const SECURE_SESSION_COOKIE = '__Host-cau_session';
export const PLAIN_SESSION_COOKIE = 'cau_session';

/** 256 random bits, base64url without padding: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What decides the scheme and origin of a request. */
export interface RequestFacts {
  /** Fastify's `request.protocol`: the connection's own ('https' only when the gateway terminates TLS). */
  protocol: string;
  host: string | undefined;
  forwardedProto: string | string[] | undefined;
  forwardedHost: string | string[] | undefined;
}

/** The first value of a header a proxy may have sent once or as a list. */
function firstValue(header: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  const value = raw?.split(',')[0]?.trim();
  return value === '' ? undefined : value;
}

/** Whether the browser reached us over HTTPS: the connection's, or the proxy's word when trusted. */
export function isHttps(facts: RequestFacts, trustProxy: boolean): boolean {
  const forwarded = trustProxy ? firstValue(facts.forwardedProto)?.toLowerCase() : undefined;
  return (forwarded ?? facts.protocol) === 'https';
}

/** The origin the browser used to reach the gateway, e.g. `https://cau.example.gob`; null without a Host. */
export function requestOrigin(facts: RequestFacts, trustProxy: boolean): string | null {
  const host = (trustProxy ? firstValue(facts.forwardedHost) : undefined) ?? facts.host;
  if (!host) return null;
  return `${isHttps(facts, trustProxy) ? 'https' : 'http'}://${host.toLowerCase()}`;
}

export function sessionCookieName(https: boolean): string {
  return https ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE;
}

/**
 * The session token in a Cookie header, read under the one name that fits the scheme (over HTTPS a
 * plain `cau_session` could have been planted by someone else). Null when absent or not shaped like
 * one of our tokens.
 */
export function readSessionToken(cookieHeader: string | undefined, https: boolean): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName(https);
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    if (TOKEN_PATTERN.test(value)) return value;
  }
  return null;
}

/** The Set-Cookie value that stores `token` for `maxAgeSeconds`, or deletes the cookie when token is null. */
export function sessionCookieHeader(token: string | null, https: boolean, maxAgeSeconds: number): string {
  const attributes = [
    `${sessionCookieName(https)}=${token ?? ''}`,
    'Path=/',
    `Max-Age=${token === null ? 0 : Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (https) attributes.push('Secure');
  return attributes.join('; ');
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the token: a leaked table opens no session. */
export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
