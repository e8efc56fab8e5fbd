import { csrfRefusal, type CsrfFacts } from './csrf.js';

const SELF = 'https://cau.example.gob';
const PORTAL = 'https://portal.example.gob';
const facts = (overrides: Partial<CsrfFacts> = {}): CsrfFacts => ({
  method: 'POST',
  requestedWith: 'portal',
  origin: SELF,
  secFetchSite: undefined,
  requestOrigin: SELF,
  allowedOrigins: [PORTAL],
  ...overrides,
});

describe('csrfRefusal', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('lets %s through whatever the headers', (method) => {
    expect(csrfRefusal(facts({ method, requestedWith: undefined, origin: 'https://evil.test' }))).toBeNull();
  });

  it('accepts the portal header from the same origin or a CORS_ORIGINS one, for every unsafe method', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(csrfRefusal(facts({ method }))).toBeNull();
    expect(csrfRefusal(facts({ origin: PORTAL }))).toBeNull();
    expect(csrfRefusal(facts({ origin: 'HTTPS://CAU.example.gob', requestedWith: ' Portal ' }))).toBeNull();
  });

  it('needs X-CAU-Requested-With: portal', () => {
    expect(csrfRefusal(facts({ requestedWith: undefined }))).toBe('header');
    expect(csrfRefusal(facts({ requestedWith: 'XMLHttpRequest' }))).toBe('header');
    expect(csrfRefusal(facts({ requestedWith: ['portal', 'portal'] }))).toBe('header');
  });

  it('refuses a foreign, null or different-scheme Origin', () => {
    expect(csrfRefusal(facts({ origin: 'https://evil.test' }))).toBe('origin');
    expect(csrfRefusal(facts({ origin: 'null' }))).toBe('origin');
    expect(csrfRefusal(facts({ origin: 'http://cau.example.gob' }))).toBe('origin');
    expect(csrfRefusal(facts({ origin: 'https://cau.example.gob.evil.test' }))).toBe('origin');
    expect(csrfRefusal(facts({ origin: SELF, requestOrigin: null, allowedOrigins: [] }))).toBe('origin');
  });

  it('without Origin, only Sec-Fetch-Site: same-origin passes', () => {
    expect(csrfRefusal(facts({ origin: undefined, secFetchSite: 'same-origin' }))).toBeNull();
    expect(csrfRefusal(facts({ origin: undefined, secFetchSite: 'same-site' }))).toBe('fetchSite');
    expect(csrfRefusal(facts({ origin: undefined, secFetchSite: 'cross-site' }))).toBe('fetchSite');
    expect(csrfRefusal(facts({ origin: undefined, secFetchSite: 'none' }))).toBe('fetchSite');
    expect(csrfRefusal(facts({ origin: undefined }))).toBe('fetchSite');
  });
});
