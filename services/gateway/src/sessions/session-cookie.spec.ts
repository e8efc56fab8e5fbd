import {
  PLAIN_SESSION_COOKIE,
  SECURE_SESSION_COOKIE,
  isHttps,
  newSessionToken,
  readSessionToken,
  requestOrigin,
  sessionCookieHeader,
  sessionCookieName,
  sessionTokenHash,
  type RequestFacts,
} from './session-cookie.js';

const facts = (overrides: Partial<RequestFacts> = {}): RequestFacts => ({
  protocol: 'http',
  host: 'cau.example.gob',
  forwardedProto: undefined,
  forwardedHost: undefined,
  ...overrides,
});
const TOKEN = 'a'.repeat(43);

describe('session cookie', () => {
  it('is __Host-cau_session over HTTPS and cau_session over plain HTTP', () => {
    expect(sessionCookieName(true)).toBe(SECURE_SESSION_COOKIE);
    expect(sessionCookieName(false)).toBe(PLAIN_SESSION_COOKIE);
    expect(SECURE_SESSION_COOKIE).toBe('__Host-cau_session');
  });

  it('HTTPS is the connection’s protocol, or X-Forwarded-Proto only when the proxy is trusted', () => {
    expect(isHttps(facts(), false)).toBe(false);
    expect(isHttps(facts({ protocol: 'https' }), false)).toBe(true);
    expect(isHttps(facts({ forwardedProto: 'https' }), false)).toBe(false);
    expect(isHttps(facts({ forwardedProto: 'https' }), true)).toBe(true);
    expect(isHttps(facts({ forwardedProto: 'HTTPS, http' }), true)).toBe(true);
    expect(isHttps(facts({ protocol: 'https', forwardedProto: 'http' }), true)).toBe(false);
    expect(isHttps(facts({ protocol: 'https', forwardedProto: '' }), true)).toBe(true);
  });

  it('the request origin joins that scheme with Host (X-Forwarded-Host when trusted)', () => {
    expect(requestOrigin(facts({ host: 'CAU.example.gob:8080' }), false)).toBe('http://cau.example.gob:8080');
    expect(requestOrigin(facts({ forwardedProto: 'https', forwardedHost: 'portal.gob' }), false)).toBe(
      'http://cau.example.gob',
    );
    expect(requestOrigin(facts({ forwardedProto: 'https', forwardedHost: 'portal.gob' }), true)).toBe(
      'https://portal.gob',
    );
    expect(requestOrigin(facts({ host: undefined }), false)).toBeNull();
  });

  it('is read under the scheme’s name only, and only when shaped like a token', () => {
    expect(readSessionToken(`otra=1; cau_session=${TOKEN}; x=y`, false)).toBe(TOKEN);
    expect(readSessionToken(`cau_session=${TOKEN}`, true)).toBeNull();
    expect(readSessionToken(`__Host-cau_session=${TOKEN}`, true)).toBe(TOKEN);
    expect(readSessionToken(`__Host-cau_session=${TOKEN}`, false)).toBeNull();
    expect(readSessionToken('cau_session=corto', false)).toBeNull();
    expect(readSessionToken(`cau_session=${TOKEN}!`, false)).toBeNull();
    expect(readSessionToken(undefined, false)).toBeNull();
  });

  it('is set HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS; cleared with Max-Age=0', () => {
    expect(sessionCookieHeader(TOKEN, true, 43_200.9)).toBe(
      `__Host-cau_session=${TOKEN}; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(sessionCookieHeader(TOKEN, false, 60)).toBe(
      `cau_session=${TOKEN}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax`,
    );
    expect(sessionCookieHeader(null, false, 60)).toBe('cau_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax');
  });

  it('tokens are 256 random bits in base64url; the stored hash is SHA-256 hex', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newSessionToken()).not.toBe(token);
    expect(readSessionToken(`cau_session=${token}`, false)).toBe(token);
    expect(sessionTokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
