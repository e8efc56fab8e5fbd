import { flowCookieHeader, readFlowCookie, safeReturnTo } from './oidc-rules.js';

const VALUE = 'A'.repeat(43);

describe('login flow cookie', () => {
  it('is read under the name of the scheme only, and only when shaped like ours', () => {
    expect(readFlowCookie(`other=1; cau_oidc=${VALUE}`, false)).toBe(VALUE);
    expect(readFlowCookie(`cau_oidc=${VALUE}`, true)).toBeNull();
    expect(readFlowCookie(`__Host-cau_oidc=${VALUE}`, true)).toBe(VALUE);
    expect(readFlowCookie('cau_oidc=short', false)).toBeNull();
    expect(readFlowCookie(undefined, false)).toBeNull();
  });

  it('is HttpOnly and SameSite=Lax, Secure with the __Host- prefix over HTTPS, and can be deleted', () => {
    expect(flowCookieHeader(VALUE, true, 600)).toBe(
      `__Host-cau_oidc=${VALUE}; Path=/; Max-Age=600; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(flowCookieHeader(null, false, 0)).toBe('cau_oidc=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax');
  });
});

describe('safeReturnTo', () => {
  it.each([
    [undefined, '/'],
    ['/tickets/1?x=2', '/tickets/1?x=2'],
    ['https://evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/a\nb', '/'],
    [`/${'a'.repeat(600)}`, '/'],
  ])('%s → %s', (raw, expected) => {
    expect(safeReturnTo(raw)).toBe(expected);
  });
});
