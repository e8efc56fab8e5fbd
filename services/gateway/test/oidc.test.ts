import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { decodeJwt, SignJWT, type JWTPayload } from 'jose';
import { startTestOidcProvider, TEST_OIDC_OTHER_CLIENT, type TestOidcProvider } from '@cau/testing';
import { startGateway, type GatewayFixture } from './gateway-fixture.js';

interface AccountView {
  id: string;
  email: string;
  name: string;
  role: string;
  area: string | null;
  active: boolean;
}

/**
 * A browser without a page: a cookie jar (by name, as browsers share cookies across the ports of one
 * host) and redirects followed by hand, so every hop of the code flow goes over real HTTP.
 */
class Browser {
  readonly cookies = new Map<string, string>();

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const separator = pair!.indexOf('=');
      const name = pair!.slice(0, separator).trim();
      const expired =
        attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || pair!.slice(separator + 1) === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(separator + 1));
    }
    return response;
  }

  /** Follows redirects from `url` until an answer is not one, or `stop` says the next URL is far enough. */
  async follow(url: string, stop: (next: URL) => boolean = () => false): Promise<{ url: URL; response: Response }> {
    let current = new URL(url);
    for (let hop = 0; hop < 20; hop += 1) {
      const response = await this.request(current.toString());
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      await response.text();
      const next = new URL(location, current);
      if (stop(next)) return { url: next, response };
      current = next;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

describe('gateway: login with an OpenID Connect provider', () => {
  let op: TestOidcProvider;
  let f: GatewayFixture;
  let gateway: string;

  beforeAll(async () => {
    op = await startTestOidcProvider({
      'ana-sub': { email: 'ana@salud.gob', email_verified: true, name: 'Ana Pérez', groups: [] },
      'beto-sub': { email: 'beto@salud.gob', email_verified: true, name: 'Beto Díaz', groups: ['cau-redes'] },
      'dora-sub': { email: 'dora@salud.gob', email_verified: true, name: 'Dora Sosa', groups: [] },
    });
    const provider = (id: string, linkByVerifiedEmail: boolean) => ({
      id,
      issuer: op.issuer,
      clientId: op.clientId,
      clientSecret: op.clientSecret,
      scopes: ['openid', 'email', 'profile', 'groups'],
      label: { es: `Ingresar con ${id}`, en: `Sign in with ${id}` },
      linkByVerifiedEmail,
      roleMapping: {
        claim: 'groups',
        values: { 'cau-redes': { role: 'agent', area: 'REDES' }, 'cau-supervisores': 'supervisor' },
      },
    });
    f = await startGateway('gwoidc', {
      env: { OIDC_PROVIDERS: JSON.stringify([provider('prueba', true), provider('estricto', false)]) },
    });
    gateway = f.gateway.url;
    op.serve({
      redirectUris: [`${gateway}/api/v1/auth/oidc/prueba/callback`, `${gateway}/api/v1/auth/oidc/estricto/callback`],
      postLogoutRedirectUris: [`${gateway}/ingresar`],
    });
  });

  afterAll(async () => {
    await f?.stop();
    await op?.close();
  });

  const isCallback = (url: URL): boolean => url.origin === gateway && url.pathname.endsWith('/callback');

  /** Up to the provider's answer: the callback URL with `code` and `state`, not yet visited. */
  async function untilCallback(browser: Browser, subject: string, provider = 'prueba', returnTo = '/tickets') {
    const start = `${gateway}/api/v1/auth/oidc/${provider}/login?returnTo=${encodeURIComponent(returnTo)}`;
    return untilRedirect(browser, start, subject, isCallback);
  }

  /** From `start` through the provider's login form until the redirect `stop` recognizes, not visited. */
  async function untilRedirect(browser: Browser, start: string, subject: string, stop: (url: URL) => boolean) {
    const atLoginForm = await browser.follow(start, stop);
    if (stop(atLoginForm.url)) return atLoginForm.url;
    const html = await atLoginForm.response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no login form at ${atLoginForm.url.toString()}: ${html.slice(0, 300)}`);
    const submitted = await browser.request(new URL(action, atLoginForm.url).toString(), {
      method: 'POST',
      form: { prompt: 'login', login: subject, password: 'cualquiera' },
    });
    await submitted.text();
    const next = new URL(submitted.headers.get('location')!, atLoginForm.url);
    return (await browser.follow(next.toString(), stop)).url;
  }

  /** The whole dance; returns where the gateway sent the browser at the end. */
  async function signIn(browser: Browser, subject: string, provider = 'prueba'): Promise<string> {
    const callback = await untilCallback(browser, subject, provider);
    const answer = await browser.request(callback.toString());
    expect(answer.status).toBe(302);
    return answer.headers.get('location')!;
  }

  const me = (browser: Browser) => browser.request(`${gateway}/api/v1/auth/session`);
  const sessionCookie = (browser: Browser) => browser.cookies.get('cau_session');
  const accountByEmail = async (email: string) =>
    (await f.db.query('SELECT id, role, area, active FROM gateway.accounts WHERE email = $1', [email])).rows[0] as
      { id: string; role: string; area: string | null; active: boolean } | undefined;
  const auditOf = async (accountId: string) =>
    (
      await f.db.query<{ action: string; after: Record<string, unknown> }>(
        `SELECT action, after FROM gateway.audit_log WHERE target_id = $1 ORDER BY seq`,
        [accountId],
      )
    ).rows;

  it('lists the configured providers and local login for the login page, without secrets', async () => {
    const answer = await f.http.send<Record<string, unknown>>('GET', '/api/v1/auth/providers');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      localLogin: true,
      providers: [
        { id: 'prueba', label: { es: 'Ingresar con prueba', en: 'Sign in with prueba' } },
        { id: 'estricto', label: { es: 'Ingresar con estricto', en: 'Sign in with estricto' } },
      ],
      selfRegistration: false,
      registrationDomains: [],
    });
  });

  it('an unknown provider is 404', async () => {
    expect((await f.http.send('GET', '/api/v1/auth/oidc/nadie/login')).status).toBe(404);
  });

  it('the login redirect carries PKCE, state and nonce, and a short-lived HttpOnly cookie binds it to the browser', async () => {
    const browser = new Browser();
    const answer = await browser.request(`${gateway}/api/v1/auth/oidc/prueba/login`);
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location')!);
    expect(location.origin).toBe(op.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: op.clientId,
      redirect_uri: `${gateway}/api/v1/auth/oidc/prueba/callback`,
      scope: 'openid email profile groups',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    expect(answer.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^cau_oidc=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/),
    ]);
  });

  it('a first login creates a requester account and the same server-side session as a password login', async () => {
    const browser = new Browser();
    expect(await signIn(browser, 'ana-sub')).toBe('/tickets');
    expect(browser.cookies.has('cau_oidc')).toBe(false);
    const session = await me(browser);
    expect(session.status).toBe(200);
    const account = (await session.json()) as AccountView;
    expect(account).toMatchObject({ email: 'ana@salud.gob', name: 'Ana Pérez', role: 'requester', active: true });

    // No provider token reached the browser: only the session cookie, whose hash the server keeps.
    expect([...browser.cookies.keys()].filter((name) => !name.startsWith('_'))).toEqual(['cau_session']);
    const stored = await f.db.query('SELECT oidc_provider, id_token FROM gateway.sessions WHERE account_id = $1', [
      account.id,
    ]);
    expect(stored.rows).toEqual([{ oidc_provider: 'prueba', id_token: expect.stringMatching(/^ey/) }]);
    const link = await f.db.query(
      'SELECT issuer, subject, provider FROM gateway.oidc_identities WHERE account_id = $1',
      [account.id],
    );
    expect(link.rows).toEqual([{ issuer: op.issuer, subject: 'ana-sub', provider: 'prueba' }]);
    const audit = await auditOf(account.id);
    expect(audit.map((row) => row.action)).toEqual(['account.create', 'account.sign-in']);
    expect(audit[1]!.after).toMatchObject({ method: 'oidc', provider: 'prueba', clientAddress: expect.any(String) });

    // A second login finds the account by the subject, even with another e-mail at the provider.
    op.users.set('ana-sub', { ...op.users.get('ana-sub'), email: 'ana.perez@salud.gob' });
    const again = new Browser();
    await signIn(again, 'ana-sub');
    expect(((await (await me(again)).json()) as AccountView).id).toBe(account.id);
  });

  it('staff roles come from the mapped claim and are re-evaluated at each login', async () => {
    const browser = new Browser();
    await signIn(browser, 'beto-sub');
    const account = (await (await me(browser)).json()) as AccountView;
    expect(account).toMatchObject({ role: 'agent', area: 'REDES' });

    op.users.set('beto-sub', { ...op.users.get('beto-sub'), groups: ['cau-supervisores', 'otro'] });
    const second = new Browser();
    await signIn(second, 'beto-sub');
    expect(await accountByEmail('beto@salud.gob')).toMatchObject({ role: 'supervisor', area: null });

    // The group removed at the provider is removed at the next login, and the open session sees it at once.
    op.users.set('beto-sub', { ...op.users.get('beto-sub'), groups: [] });
    await signIn(new Browser(), 'beto-sub');
    expect(((await (await me(second)).json()) as AccountView).role).toBe('requester');
    const syncs = (await auditOf(account.id)).filter((row) => row.action === 'account.role-sync');
    expect(syncs.map((row) => row.after.role)).toEqual(['supervisor', 'requester']);
  });

  it('a verified e-mail links to the existing account where the provider allows it; not on the strict one', async () => {
    const created = await f.http.send<AccountView>('POST', '/api/v1/accounts', {
      token: f.adminToken,
      json: { email: 'dora@salud.gob', name: 'Dora Local', password: 'clave-de-prueba-1', role: 'operator' },
    });
    expect(created.status).toBe(201);

    const strict = new Browser();
    expect(await signIn(strict, 'dora-sub', 'estricto')).toBe('/ingresar?sso=email-taken');
    expect(sessionCookie(strict)).toBeUndefined();

    op.users.set('dora-sub', { ...op.users.get('dora-sub'), email_verified: false });
    const unverified = new Browser();
    expect(await signIn(unverified, 'dora-sub')).toBe('/ingresar?sso=email-taken');
    const links = await f.db.query('SELECT 1 FROM gateway.oidc_identities WHERE subject = $1', ['dora-sub']);
    expect(links.rowCount).toBe(0);

    op.users.set('dora-sub', { ...op.users.get('dora-sub'), email_verified: true });
    const linked = new Browser();
    expect(await signIn(linked, 'dora-sub')).toBe('/tickets');
    const account = (await (await me(linked)).json()) as AccountView;
    expect(account).toMatchObject({ id: created.body.id, name: 'Dora Local' });
    // Linked, and the mapping applies from then on: no mapped group is a requester.
    expect(account.role).toBe('requester');
    expect((await auditOf(account.id)).map((row) => row.action)).toEqual([
      'account.create',
      'account.link',
      'account.role-sync',
      'account.sign-in',
    ]);
  });

  it('a disabled account stays disabled whatever the provider says', async () => {
    op.users.set('eva-sub', {
      email: 'eva@salud.gob',
      email_verified: true,
      name: 'Eva',
      groups: ['cau-supervisores'],
    });
    await signIn(new Browser(), 'eva-sub');
    const account = (await accountByEmail('eva@salud.gob'))!;
    const disabled = await f.http.send('PATCH', `/api/v1/accounts/${account.id}`, {
      token: f.adminToken,
      json: { active: false },
    });
    expect(disabled.status).toBe(200);

    const browser = new Browser();
    expect(await signIn(browser, 'eva-sub')).toBe('/ingresar?sso=disabled');
    expect(sessionCookie(browser)).toBeUndefined();
    expect(await accountByEmail('eva@salud.gob')).toMatchObject({ active: false, role: 'supervisor' });
    const failures = (await auditOf(account.id)).filter((row) => row.action === 'account.sign-in-failure');
    expect(failures.map((row) => row.after.failure)).toEqual(['disabled']);
  });

  it('a wrong state, or a state from another browser, is refused and opens no session', async () => {
    const browser = new Browser();
    const callback = await untilCallback(browser, 'ana-sub');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'otro-estado');
    const answer = await browser.request(forged.toString());
    expect(answer.headers.get('location')).toBe('/ingresar?sso=expired');

    const thief = new Browser();
    const stolen = await untilCallback(new Browser(), 'ana-sub');
    const taken = await thief.request(stolen.toString());
    expect(taken.headers.get('location')).toBe('/ingresar?sso=expired');
    expect(sessionCookie(browser)).toBeUndefined();
    expect(sessionCookie(thief)).toBeUndefined();
  });

  it('a replayed code is refused: the flow is used up, and the provider refuses the code in a new flow', async () => {
    const browser = new Browser();
    const callback = await untilCallback(browser, 'ana-sub');
    expect((await browser.request(callback.toString())).headers.get('location')).toBe('/tickets');
    const replay = await browser.request(callback.toString());
    expect(replay.headers.get('location')).toBe('/ingresar?sso=expired');

    // The same code under the state of a flow of its own: the provider refuses it (used, and PKCE differs).
    const fresh = await untilCallback(browser, 'ana-sub');
    const spliced = new URL(fresh);
    spliced.searchParams.set('code', callback.searchParams.get('code')!);
    const answer = await browser.request(spliced.toString());
    expect(answer.headers.get('location')).toBe('/ingresar?sso=failed');
  });

  it('an ID token with another nonce is refused', async () => {
    const browser = new Browser();
    const callback = await untilCallback(browser, 'ana-sub');
    await f.db.query(`UPDATE gateway.oidc_flows SET nonce = 'otro-nonce' WHERE state = $1`, [
      callback.searchParams.get('state'),
    ]);
    const answer = await browser.request(callback.toString());
    expect(answer.headers.get('location')).toBe('/ingresar?sso=failed');
    expect(sessionCookie(browser)).toBeUndefined();
    const failures = await f.db.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM gateway.audit_log WHERE action = 'account.sign-in-failure' ORDER BY seq DESC LIMIT 1`,
    );
    expect(String(failures.rows[0]!.after.error)).toMatch(/nonce/);
  });

  it('a provider error (the person cancelled) is refused with its own reason', async () => {
    const browser = new Browser();
    const callback = await untilCallback(browser, 'ana-sub');
    const cancelled = new URL(callback);
    cancelled.searchParams.delete('code');
    cancelled.searchParams.set('error', 'access_denied');
    const answer = await browser.request(cancelled.toString());
    expect(answer.headers.get('location')).toBe('/ingresar?sso=refused');
  });

  it('logout ends the CAU session and points to the provider to end its session too', async () => {
    const browser = new Browser();
    await signIn(browser, 'ana-sub');
    const answer = await browser.request(`${gateway}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'x-cau-requested-with': 'portal', origin: gateway },
    });
    expect(answer.status).toBe(200);
    const { redirectTo } = (await answer.json()) as { redirectTo: string };
    const endSession = new URL(redirectTo);
    expect(endSession.origin).toBe(op.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${gateway}/ingresar`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect((await me(browser)).status).toBe(401);

    // The provider accepts the hint and asks the person to confirm the logout.
    const confirm = await browser.request(redirectTo);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toMatch(/logout/i);
  });

  describe('an ID token the relying party must refuse, handed to it in the token endpoint answer', () => {
    const victim = {
      email: 'nueva.victima@salud.gob',
      email_verified: true,
      name: 'Víctima Nueva',
      groups: ['cau-supervisores'],
    };

    /** The provider's genuine ID token for the same person, asked by another application registered there. */
    async function idTokenOfOtherApplication(subject: string, nonce: string): Promise<string> {
      const verifier = randomBytes(32).toString('base64url');
      const start = new URL(`${op.issuer}/auth`);
      start.search = new URLSearchParams({
        client_id: TEST_OIDC_OTHER_CLIENT.id,
        response_type: 'code',
        scope: 'openid email profile groups',
        redirect_uri: TEST_OIDC_OTHER_CLIENT.redirectUri,
        state: 'otra-aplicacion',
        nonce,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      const callback = await untilRedirect(new Browser(), start.toString(), subject, (url) =>
        url.toString().startsWith(TEST_OIDC_OTHER_CLIENT.redirectUri),
      );
      const answer = await fetch(`${op.issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${TEST_OIDC_OTHER_CLIENT.id}:${TEST_OIDC_OTHER_CLIENT.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: callback.searchParams.get('code')!,
          redirect_uri: TEST_OIDC_OTHER_CLIENT.redirectUri,
          code_verifier: verifier,
        }),
      });
      expect(answer.status).toBe(200);
      return ((await answer.json()) as { id_token: string }).id_token;
    }

    const resign = (payload: JWTPayload, key: KeyObject, kid: string) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(key);

    /**
     * A login of a person without an account whose ID token is replaced as the provider answers; it must
     * end refused, with no session, no account and no link, and the audit naming what was wrong.
     */
    async function refusedWith(
      subject: string,
      replace: (idToken: string, flowNonce: string) => Promise<string>,
    ): Promise<string> {
      op.users.set(subject, { ...victim, email: `${subject}@salud.gob` });
      const browser = new Browser();
      const callback = await untilCallback(browser, subject);
      const flow = await f.db.query<{ nonce: string }>('SELECT nonce FROM gateway.oidc_flows WHERE state = $1', [
        callback.searchParams.get('state'),
      ]);
      const nonce = flow.rows[0]!.nonce;
      op.interceptNextTokenResponse(async (body) => ({
        ...body,
        id_token: await replace(String(body.id_token), nonce),
      }));
      const answer = await browser.request(callback.toString());
      expect(answer.headers.get('location')).toBe('/ingresar?sso=failed');
      expect(sessionCookie(browser)).toBeUndefined();
      expect(await accountByEmail(`${subject}@salud.gob`)).toBeUndefined();
      const links = await f.db.query('SELECT 1 FROM gateway.oidc_identities WHERE subject = $1', [subject]);
      expect(links.rowCount).toBe(0);
      const failure = await f.db.query<{ after: Record<string, unknown> }>(
        `SELECT after FROM gateway.audit_log WHERE action = 'account.sign-in-failure' ORDER BY seq DESC LIMIT 1`,
      );
      expect(failure.rows[0]!.after).toMatchObject({ method: 'oidc', provider: 'prueba', failure: 'failed' });
      return String(failure.rows[0]!.after.error);
    }

    it('one signed by another key (same key id, forged signature) is refused', async () => {
      const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const error = await refusedWith('firma-ajena-sub', (idToken) =>
        resign(decodeJwt(idToken), attacker, op.signingKey.kid),
      );
      expect(error).toMatch(/signature/i);
    });

    it('one the provider issued to another application (another audience) is refused', async () => {
      let issued: JWTPayload | null = null;
      const error = await refusedWith('otra-audiencia-sub', async (_idToken, nonce) => {
        const other = await idTokenOfOtherApplication('otra-audiencia-sub', nonce);
        issued = decodeJwt(other);
        return other;
      });
      // A genuine token of this provider, for this person and this login's nonce: only its audience is wrong.
      expect(issued).toMatchObject({ iss: op.issuer, aud: TEST_OIDC_OTHER_CLIENT.id, sub: 'otra-audiencia-sub' });
      expect(error).toMatch(/aud/);
    });

    it('an expired one is refused', async () => {
      // oidc-provider only issues tokens valid from now on (a positive TTL, on the clock it shares with the
      // gateway in this process): its genuine token is re-signed with its own key, an hour in the past.
      const error = await refusedWith('vencido-sub', (idToken) => {
        const now = Math.floor(Date.now() / 1000);
        const payload = { ...decodeJwt(idToken), iat: now - 7200, auth_time: now - 7200, exp: now - 3600 };
        return resign(payload, op.signingKey.privateKey, op.signingKey.kid);
      });
      expect(error).toMatch(/exp/);
    });

    it('the genuine answer, passed through the same interception, is accepted (the refusals above are the changes)', async () => {
      op.users.set('intacto-sub', { ...victim, email: 'intacto@salud.gob' });
      const browser = new Browser();
      const callback = await untilCallback(browser, 'intacto-sub');
      op.interceptNextTokenResponse((body) => Promise.resolve(body));
      expect((await browser.request(callback.toString())).headers.get('location')).toBe('/tickets');
      expect(await accountByEmail('intacto@salud.gob')).toMatchObject({ role: 'supervisor' });
    });
  });

  it('an unverified e-mail cannot link to the existing account of that address: refused, nothing created or changed', async () => {
    const email = 'lia.local@salud.gob';
    const created = await f.http.send<AccountView>('POST', '/api/v1/accounts', {
      token: f.adminToken,
      json: { email, name: 'Lía Local', password: 'clave-de-lia-1234', role: 'agent', area: 'REDES' },
    });
    expect(created.status).toBe(201);
    const before = await f.db.query('SELECT * FROM gateway.accounts WHERE id = $1', [created.body.id]);
    const accountsBefore = await f.db.query('SELECT count(*) FROM gateway.accounts');
    op.users.set('lia-sub', {
      email: 'Lia.Local@salud.gob',
      email_verified: false,
      name: 'Impostora',
      groups: ['cau-supervisores'],
    });

    // 'prueba' links by verified e-mail: an unverified one is not proof of owning the address.
    const browser = new Browser();
    expect(await signIn(browser, 'lia-sub')).toBe('/ingresar?sso=email-taken');
    expect(sessionCookie(browser)).toBeUndefined();
    expect((await f.db.query('SELECT * FROM gateway.accounts WHERE id = $1', [created.body.id])).rows).toEqual(
      before.rows,
    );
    expect((await f.db.query('SELECT count(*) FROM gateway.accounts')).rows).toEqual(accountsBefore.rows);
    const links = await f.db.query('SELECT 1 FROM gateway.oidc_identities WHERE subject = $1', ['lia-sub']);
    expect(links.rowCount).toBe(0);
    expect(
      (await f.http.send('POST', '/api/v1/auth/token', { json: { email, password: 'clave-de-lia-1234' } })).status,
    ).toBe(200);
    const failure = await f.db.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM gateway.audit_log WHERE action = 'account.sign-in-failure' ORDER BY seq DESC LIMIT 1`,
    );
    expect(failure.rows[0]!.after).toMatchObject({ failure: 'email-taken', email, emailVerified: false });
  });
});

describe('gateway: an installation without local login', () => {
  let f: GatewayFixture;

  beforeAll(async () => {
    const provider = {
      id: 'unico',
      issuer: 'https://sso.example.gob/realms/cau',
      clientId: 'cau',
      clientSecret: 'secreto',
      label: 'Cuenta provincial',
    };
    f = await startGateway('gwnolocal', { env: { LOCAL_LOGIN: 'false', OIDC_PROVIDERS: JSON.stringify([provider]) } });
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('tells the login page, and refuses the password session login with 403', async () => {
    const options = await f.http.send('GET', '/api/v1/auth/providers');
    expect(options.body).toEqual({
      localLogin: false,
      providers: [{ id: 'unico', label: { es: 'Cuenta provincial', en: 'Cuenta provincial' } }],
      selfRegistration: false,
      registrationDomains: [],
    });
    const login = await f.http.send('POST', '/api/v1/auth/session', {
      json: { email: 'admin@cau.test', password: 'clave-admin-123' },
      headers: { 'x-cau-requested-with': 'portal', origin: f.gateway.url },
    });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('FORBIDDEN');
    expect(login.headers.getSetCookie()).toEqual([]);
  });
});
