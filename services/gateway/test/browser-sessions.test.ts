import { createHash } from 'node:crypto';
import { ADMIN, startGateway, type Answer, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

const PORTAL = 'https://portal.cau.test';
const PASSWORD = 'clave-de-prueba-1';
const COOKIE_PATTERN = /^cau_session=([A-Za-z0-9_-]{43}); Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/;

interface AccountView {
  id: string;
  email: string;
  role: string;
  active: boolean;
  language: string | null;
}

/** `name=value` from the answer's Set-Cookie, ready for a Cookie header. */
function cookieOf(answer: Answer<unknown>): string {
  const [header] = answer.headers.getSetCookie();
  if (!header) throw new Error(`no Set-Cookie in ${answer.status} ${JSON.stringify(answer.body)}`);
  return header.split(';')[0]!;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('gateway: browser sessions of the portal', () => {
  let f: GatewayFixture;
  /** The headers the portal sends from the gateway's own origin. */
  let portal: Record<string, string>;

  beforeAll(async () => {
    f = await startGateway('gwsess', { env: { CORS_ORIGINS: PORTAL } });
    portal = { 'x-cau-requested-with': 'portal', origin: f.gateway.url };
  });

  afterAll(async () => {
    await f?.stop();
  });

  const login = <T = AccountView>(email: string, password = PASSWORD, headers: Record<string, string> = portal) =>
    f.http.send<T>('POST', '/api/v1/auth/session', { json: { email, password }, headers });

  const withCookie = <T = ErrorBody>(
    method: string,
    path: string,
    cookie: string,
    options: { json?: unknown; headers?: Record<string, string> } = {},
  ) => f.http.send<T>(method, path, { ...options, headers: { cookie, ...options.headers } });

  /** Creates an account and returns its id and a session cookie for it. */
  async function sessionFor(email: string, role = 'operator'): Promise<{ id: string; cookie: string }> {
    const created = await f.http.send<AccountView>('POST', '/api/v1/accounts', {
      token: f.adminToken,
      json: { email, name: `Cuenta ${email}`, password: PASSWORD, role },
    });
    expect(created.status).toBe(201);
    const answer = await login(email);
    expect(answer.status).toBe(200);
    return { id: created.body.id, cookie: cookieOf(answer) };
  }

  describe('login, current session, logout', () => {
    it('login answers the account view and sets an HttpOnly, SameSite=Lax cookie; only its hash is stored', async () => {
      const created = await f.http.send<AccountView>('POST', '/api/v1/accounts', {
        token: f.adminToken,
        json: { email: 'portal@cau.test', name: 'Persona Portal', password: PASSWORD, role: 'requester' },
      });
      const answer = await login('Portal@CAU.test', PASSWORD, { ...portal, 'user-agent': 'Navegador/1.0' });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        id: created.body.id,
        email: 'portal@cau.test',
        name: 'Persona Portal',
        role: 'requester',
        jurisdiction: null,
        area: null,
        active: true,
        createdAt: expect.any(String),
        language: null,
      });
      const setCookie = answer.headers.getSetCookie();
      expect(setCookie).toHaveLength(1);
      const token = COOKIE_PATTERN.exec(setCookie[0]!)?.[1];
      expect(token).toBeDefined();

      const { rows } = await f.db.query(
        `SELECT token_hash, account_id, client_address, user_agent,
                extract(epoch FROM absolute_expires_at - created_at) AS absolute,
                extract(epoch FROM idle_expires_at - created_at) AS idle
         FROM gateway.sessions WHERE account_id = $1`,
        [created.body.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ token_hash: sha256(token!), user_agent: 'Navegador/1.0' });
      expect(rows[0].client_address).toMatch(/127\.0\.0\.1/);
      expect(Math.round(Number(rows[0].absolute))).toBe(12 * 3600);
      expect(Math.round(Number(rows[0].idle))).toBe(120 * 60);
    });

    it('the cookie authenticates GET endpoints and GET /auth/session', async () => {
      const { id, cookie } = await sessionFor('lectora@cau.test');
      const me = await withCookie<AccountView>('GET', '/api/v1/accounts/me', cookie);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id, email: 'lectora@cau.test', role: 'operator', language: null });
      const session = await withCookie<AccountView>('GET', '/api/v1/auth/session', cookie);
      expect(session.status).toBe(200);
      expect(session.body).toEqual(me.body);
    });

    it('no cookie, or an unknown one, is 401; GET /auth/session then clears the cookie', async () => {
      expect((await f.http.send('GET', '/api/v1/accounts/me')).status).toBe(401);
      const unknown = `cau_session=${'A'.repeat(43)}`;
      const me = await withCookie('GET', '/api/v1/accounts/me', unknown);
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('UNAUTHORIZED');
      const session = await withCookie('GET', '/api/v1/auth/session', unknown);
      expect(session.status).toBe(401);
      expect(session.headers.getSetCookie()).toEqual(['cau_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
      expect((await f.http.send('GET', '/api/v1/auth/session')).status).toBe(401);
    });

    it('wrong password, unknown e-mail and disabled account get the token endpoint’s 401 and no cookie', async () => {
      const { id } = await sessionFor('olvidadiza@cau.test');
      for (const [email, password] of [
        ['olvidadiza@cau.test', 'otra-clave-mala'],
        ['nadie@cau.test', PASSWORD],
      ] as const) {
        const answer = await login(email, password);
        expect(answer.status).toBe(401);
        expect(answer.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
        expect(answer.headers.getSetCookie()).toEqual([]);
      }
      await f.http.send('PATCH', `/api/v1/accounts/${id}`, { token: f.adminToken, json: { active: false } });
      const disabled = await login('olvidadiza@cau.test');
      expect(disabled.status).toBe(401);
      expect(disabled.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    });

    it('logout deletes the session everywhere: a copy of the cookie is refused afterwards', async () => {
      const { id, cookie } = await sessionFor('saliente@cau.test');
      const copy = cookie;
      const out = await withCookie<null>('DELETE', '/api/v1/auth/session', cookie, { headers: portal });
      expect(out.status).toBe(204);
      expect(out.headers.getSetCookie()).toEqual(['cau_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
      expect((await withCookie('GET', '/api/v1/accounts/me', copy)).status).toBe(401);
      expect((await withCookie('GET', '/api/v1/auth/session', copy)).status).toBe(401);
      const { rows } = await f.db.query('SELECT 1 FROM gateway.sessions WHERE account_id = $1', [id]);
      expect(rows).toHaveLength(0);
      // Logging out twice is harmless.
      expect((await withCookie('DELETE', '/api/v1/auth/session', copy, { headers: portal })).status).toBe(204);
    });

    it('over HTTPS without TRUST_PROXY, X-Forwarded-Proto is ignored: the plain-HTTP cookie name', async () => {
      await sessionFor('proxy-no@cau.test');
      const answer = await login('proxy-no@cau.test', PASSWORD, { ...portal, 'x-forwarded-proto': 'https' });
      expect(answer.status).toBe(200);
      expect(answer.headers.getSetCookie()[0]).toMatch(COOKIE_PATTERN);
    });

    it('bearer tokens keep working, and an Authorization header decides alone', async () => {
      const { cookie } = await sessionFor('doble@cau.test');
      const token = await f.http.token('doble@cau.test', PASSWORD);
      const bearer = await f.http.send<AccountView>('GET', '/api/v1/accounts/me', { token });
      expect(bearer.status).toBe(200);
      expect(bearer.body.email).toBe('doble@cau.test');
      const badBearer = await f.http.send('GET', '/api/v1/accounts/me', {
        headers: { authorization: 'Bearer no-vale', cookie },
      });
      expect(badBearer.status).toBe(401);
      // Without the portal's header or origin: tokens are not sent by browsers on their own.
      const admin = await f.http.send('POST', '/api/v1/accounts', {
        token: f.adminToken,
        json: { email: 'por-api@cau.test', name: 'Por API', password: PASSWORD, role: 'operator' },
        headers: { origin: 'https://ajeno.test', 'sec-fetch-site': 'cross-site' },
      });
      expect(admin.status).toBe(201);
    });
  });

  describe('the account behind a session', () => {
    it('a disabled account’s sessions are refused and deleted', async () => {
      const { id, cookie } = await sessionFor('baja@cau.test');
      expect((await withCookie('GET', '/api/v1/accounts/me', cookie)).status).toBe(200);
      const disabled = await f.http.send('PATCH', `/api/v1/accounts/${id}`, {
        token: f.adminToken,
        json: { active: false },
      });
      expect(disabled.status).toBe(200);
      expect((await withCookie('GET', '/api/v1/accounts/me', cookie)).status).toBe(401);
      const { rows } = await f.db.query('SELECT 1 FROM gateway.sessions WHERE account_id = $1', [id]);
      expect(rows).toHaveLength(0);
    });

    it('an account disabled straight in the database is refused on its next request, its sessions deleted', async () => {
      const { id, cookie } = await sessionFor('baja-sql@cau.test');
      await f.db.query('UPDATE gateway.accounts SET active = false WHERE id = $1', [id]);
      expect((await withCookie('GET', '/api/v1/auth/session', cookie)).status).toBe(401);
      const { rows } = await f.db.query('SELECT 1 FROM gateway.sessions WHERE account_id = $1', [id]);
      expect(rows).toHaveLength(0);
    });

    it('a role change applies to the open session at once', async () => {
      const { id, cookie } = await sessionFor('ascenso@cau.test');
      const newAccount = { email: 'creada@cau.test', name: 'Creada', password: PASSWORD, role: 'requester' };
      const refused = await withCookie('POST', '/api/v1/accounts', cookie, { json: newAccount, headers: portal });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      await f.http.send('PATCH', `/api/v1/accounts/${id}`, { token: f.adminToken, json: { role: 'admin' } });
      const me = await withCookie<AccountView>('GET', '/api/v1/accounts/me', cookie);
      expect(me.body.role).toBe('admin');
      const created = await withCookie('POST', '/api/v1/accounts', cookie, { json: newAccount, headers: portal });
      expect(created.status).toBe(201);
    });
  });

  describe('CSRF: cookie requests that change something', () => {
    let cookie: string;
    const change = (headers: Record<string, string>, language = 'en') =>
      withCookie<AccountView>('PATCH', '/api/v1/accounts/me', cookie, { json: { language }, headers });

    beforeAll(async () => {
      ({ cookie } = await sessionFor('csrf@cau.test'));
    });

    it.each<[string, Record<string, string>]>([
      ['without X-CAU-Requested-With', { origin: '' }],
      ['with another value of X-CAU-Requested-With', { 'x-cau-requested-with': 'XMLHttpRequest', origin: '' }],
      ['from a foreign Origin', { 'x-cau-requested-with': 'portal', origin: 'https://ajeno.test' }],
      ['from Origin: null', { 'x-cau-requested-with': 'portal', origin: 'null' }],
      [
        'without Origin, Sec-Fetch-Site cross-site',
        { 'x-cau-requested-with': 'portal', 'sec-fetch-site': 'cross-site' },
      ],
      ['without Origin, Sec-Fetch-Site same-site', { 'x-cau-requested-with': 'portal', 'sec-fetch-site': 'same-site' }],
      ['without Origin nor Sec-Fetch-Site', { 'x-cau-requested-with': 'portal' }],
    ])('%s → 403 CSRF_REFUSED, nothing changed', async (_case, headers) => {
      const sent = { ...headers };
      if (sent.origin === '') sent.origin = f.gateway.url;
      const answer = await change(sent);
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({
        statusCode: 403,
        code: 'CSRF_REFUSED',
        message: expect.stringMatching(/^Solicitud rechazada: .*X-CAU-Requested-With: portal/),
      });
      const me = await withCookie<AccountView>('GET', '/api/v1/accounts/me', cookie);
      expect(me.body.language).toBeNull();
    });

    it('the refusal is in English when Accept-Language prefers it', async () => {
      const answer = await change({ origin: 'https://ajeno.test', 'accept-language': 'en-GB,en;q=0.9' });
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ code: 'CSRF_REFUSED', message: expect.stringMatching(/^Request refused: /) });
    });

    it('accepted with the header from the same origin, from a CORS_ORIGINS origin, or with Sec-Fetch-Site same-origin', async () => {
      expect((await change(portal, 'en')).status).toBe(200);
      expect((await change({ 'x-cau-requested-with': 'portal', origin: PORTAL }, 'es')).status).toBe(200);
      const fetchSite = await change({ 'x-cau-requested-with': 'Portal', 'sec-fetch-site': 'same-origin' }, 'en');
      expect(fetchSite.status).toBe(200);
      expect(fetchSite.body.language).toBe('en');
    });

    it('GET needs neither header nor origin', async () => {
      const answer = await withCookie('GET', '/api/v1/accounts/me', cookie, {
        headers: { origin: 'https://ajeno.test' },
      });
      expect(answer.status).toBe(200);
    });

    it('login and logout check it too (login CSRF), before any credential is looked at', async () => {
      const noHeader = await login(ADMIN.email, ADMIN.password, { origin: f.gateway.url });
      expect(noHeader.status).toBe(403);
      expect(noHeader.body).toMatchObject({ code: 'CSRF_REFUSED' });
      expect(noHeader.headers.getSetCookie()).toEqual([]);
      const foreign = await login(ADMIN.email, ADMIN.password, {
        'x-cau-requested-with': 'portal',
        origin: 'https://ajeno.test',
      });
      expect(foreign.status).toBe(403);
      const crossSite = await login(ADMIN.email, ADMIN.password, {
        'x-cau-requested-with': 'portal',
        'sec-fetch-site': 'cross-site',
      });
      expect(crossSite.status).toBe(403);
      const logout = await withCookie('DELETE', '/api/v1/auth/session', cookie, {
        headers: { origin: 'https://ajeno.test' },
      });
      expect(logout.status).toBe(403);
      expect((await withCookie('GET', '/api/v1/auth/session', cookie)).status).toBe(200);
    });
  });

  describe('own account: language and password', () => {
    it('the portal language is saved per account and shown by /accounts/me and the session endpoints', async () => {
      const { cookie } = await sessionFor('idioma@cau.test');
      const saved = await withCookie<AccountView>('PATCH', '/api/v1/accounts/me', cookie, {
        json: { language: 'en' },
        headers: portal,
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ email: 'idioma@cau.test', language: 'en' });
      expect((await withCookie<AccountView>('GET', '/api/v1/accounts/me', cookie)).body.language).toBe('en');
      expect((await withCookie<AccountView>('GET', '/api/v1/auth/session', cookie)).body.language).toBe('en');
      expect((await login('idioma@cau.test')).body.language).toBe('en');

      const wrong = await withCookie('PATCH', '/api/v1/accounts/me', cookie, {
        json: { language: 'fr' },
        headers: portal,
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.fields?.[0]).toMatchObject({ field: 'language' });
      const extra = await withCookie('PATCH', '/api/v1/accounts/me', cookie, {
        json: { language: 'es', role: 'admin' },
        headers: portal,
      });
      expect(extra.status).toBe(400);
      expect(extra.body.fields).toEqual([{ field: 'role', message: 'El campo «role» no está permitido.' }]);
    });

    it('a password change needs the current password, follows the rules, and ends the other sessions only', async () => {
      const { cookie: current } = await sessionFor('clave@cau.test');
      const other = cookieOf(await login('clave@cau.test'));
      const change = (json: unknown) =>
        withCookie<null>('PUT', '/api/v1/accounts/me/password', current, { json, headers: portal });

      const wrong = await change({ currentPassword: 'no-es-la-clave', newPassword: 'clave-nueva-123' });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({
        code: 'VALIDATION',
        fields: [
          {
            field: 'currentPassword',
            message: 'El campo «currentPassword» no coincide con la contraseña actual de la cuenta.',
          },
        ],
      });
      const short = await change({ currentPassword: PASSWORD, newPassword: 'corta' });
      expect(short.status).toBe(400);
      expect(short.body).toMatchObject({
        fields: [{ field: 'newPassword', message: 'El campo «newPassword» requiere al menos 10 caracteres.' }],
      });
      expect((await withCookie('GET', '/api/v1/accounts/me', other)).status).toBe(200);

      expect((await change({ currentPassword: PASSWORD, newPassword: 'clave-nueva-123' })).status).toBe(204);
      expect((await withCookie('GET', '/api/v1/accounts/me', current)).status).toBe(200);
      expect((await withCookie('GET', '/api/v1/accounts/me', other)).status).toBe(401);
      expect((await login('clave@cau.test')).status).toBe(401);
      expect((await login('clave@cau.test', 'clave-nueva-123')).status).toBe(200);
    });

    it('with a bearer token, the password change ends every session of the account', async () => {
      const { cookie } = await sessionFor('clave-api@cau.test');
      const token = await f.http.token('clave-api@cau.test', PASSWORD);
      const changed = await f.http.send('PUT', '/api/v1/accounts/me/password', {
        token,
        json: { currentPassword: PASSWORD, newPassword: 'clave-nueva-456' },
      });
      expect(changed.status).toBe(204);
      expect((await withCookie('GET', '/api/v1/accounts/me', cookie)).status).toBe(401);
    });
  });

  it('OpenAPI documents the session endpoints with real schemas, the cookie scheme and the errors', async () => {
    interface Operation {
      security?: Array<Record<string, string[]>>;
      requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
      responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
      parameters?: Array<{ name: string; in: string }>;
    }
    interface Doc {
      paths: Record<string, Record<string, Operation>>;
      components: {
        schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
        securitySchemes: Record<string, unknown>;
      };
    }
    const { body: doc } = await f.http.send<Doc>('GET', '/api/docs-json');
    expect(doc.components.securitySchemes.session).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'cookie', name: '__Host-cau_session' }),
    );
    const json = (operation: Operation | undefined, status: string) =>
      operation?.responses[status]?.content?.['application/json']?.schema.$ref;
    const session = doc.paths['/api/v1/auth/session']!;
    expect(session.post!.requestBody!.content['application/json']!.schema.$ref).toBe(
      '#/components/schemas/TokenRequest',
    );
    expect(json(session.post, '200')).toBe('#/components/schemas/AccountResponse');
    expect(Object.keys(session.post!.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '429']));
    expect(session.post!.parameters).toContainEqual(
      expect.objectContaining({ name: 'X-CAU-Requested-With', in: 'header' }),
    );
    expect(json(session.get, '200')).toBe('#/components/schemas/AccountResponse');
    expect(json(session.get, '401')).toBe('#/components/schemas/ErrorResponse');
    expect(Object.keys(session.delete!.responses)).toEqual(expect.arrayContaining(['204', '403']));
    const me = doc.paths['/api/v1/accounts/me']!;
    expect(me.get!.security).toEqual(expect.arrayContaining([{ bearer: [] }, { session: [] }]));
    expect(me.patch!.requestBody!.content['application/json']!.schema.$ref).toBe(
      '#/components/schemas/UpdateOwnAccountRequest',
    );
    expect(json(me.patch, '200')).toBe('#/components/schemas/AccountResponse');
    const password = doc.paths['/api/v1/accounts/me/password']!.put!;
    expect(password.requestBody!.content['application/json']!.schema.$ref).toBe(
      '#/components/schemas/ChangePasswordRequest',
    );
    expect(Object.keys(password.responses)).toEqual(expect.arrayContaining(['204', '400', '401', '403']));
    expect(doc.components.schemas.AccountResponse!.properties).toHaveProperty('language');
    expect(doc.components.schemas.ChangePasswordRequest!.required).toEqual(['currentPassword', 'newPassword']);
  });

  it('the administrator seeded at boot can use the portal', async () => {
    const answer = await login(ADMIN.email, ADMIN.password);
    expect(answer.status).toBe(200);
    expect((await withCookie('GET', '/api/v1/accounts/me', cookieOf(answer))).status).toBe(200);
  });
  describe('audit', () => {
    it('records password logins and refused attempts, with the address they came from', async () => {
      const { id } = await sessionFor('auditada@cau.test', 'requester');
      expect((await login('Auditada@cau.test', 'no-es-la-clave')).status).toBe(401);
      const { rows } = await f.db.query<{
        action: string;
        actor_id: string;
        target_id: string;
        after: Record<string, unknown>;
      }>(
        `SELECT action, actor_id, target_id, after FROM gateway.audit_log
         WHERE action LIKE 'account.sign-in%' AND target_id IN ($1, 'auditada@cau.test') ORDER BY seq`,
        [id],
      );
      expect(rows).toEqual([
        {
          action: 'account.sign-in',
          actor_id: id,
          target_id: id,
          after: {
            method: 'password',
            clientAddress: expect.stringMatching(/127\.0\.0\.1/),
            userAgent: expect.any(String),
          },
        },
        {
          action: 'account.sign-in-failure',
          actor_id: '00000000-0000-0000-0000-000000000000',
          target_id: 'auditada@cau.test',
          after: expect.objectContaining({ method: 'password', failure: 'credentials' }),
        },
      ]);
    });
  });
});

describe('gateway: session expiry, HTTPS behind a proxy, login limit', () => {
  let f: GatewayFixture;
  /** What a TLS-terminating proxy in front of the gateway adds, plus the portal's own headers. */
  let viaProxy: Record<string, string>;

  beforeAll(async () => {
    f = await startGateway('gwsessexp', {
      env: {
        TRUST_PROXY: 'true',
        SESSION_IDLE_MINUTES: '0.05', // 3 s
        SESSION_ABSOLUTE_HOURS: '0.002', // 7.2 s
        AUTH_RATE_LIMIT: '3',
        AUTH_RATE_WINDOW_SECONDS: '60',
      },
    });
    const host = new URL(f.gateway.url).host;
    viaProxy = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': host,
      'x-forwarded-for': '203.0.113.7',
      'x-cau-requested-with': 'portal',
      origin: `https://${host}`,
    };
  });

  afterAll(async () => {
    await f?.stop();
  });

  const accounts = new Set<string>();
  async function login(email: string, password = PASSWORD): Promise<Answer<AccountView>> {
    if (!accounts.has(email)) {
      accounts.add(email);
      const created = await f.http.send('POST', '/api/v1/accounts', {
        token: f.adminToken,
        json: { email, name: 'Cuenta', password: PASSWORD, role: 'operator' },
      });
      expect(created.status).toBe(201);
    }
    return f.http.send<AccountView>('POST', '/api/v1/auth/session', { json: { email, password }, headers: viaProxy });
  }
  const me = (cookie: string, headers: Record<string, string> = viaProxy) =>
    f.http.send('GET', '/api/v1/accounts/me', { headers: { ...headers, cookie } });

  it('over HTTPS (X-Forwarded-Proto trusted) the cookie is __Host-cau_session, Secure; it is not read over HTTP', async () => {
    const answer = await login('https@cau.test');
    expect(answer.status).toBe(200);
    expect(answer.headers.getSetCookie()).toEqual([
      expect.stringMatching(
        /^__Host-cau_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=7; HttpOnly; SameSite=Lax; Secure$/,
      ),
    ]);
    const cookie = cookieOf(answer);
    expect((await me(cookie)).status).toBe(200);
    expect((await me(cookie, {})).status).toBe(401);
    const { rows } = await f.db.query('SELECT client_address FROM gateway.sessions WHERE account_id = $1', [
      answer.body.id,
    ]);
    expect(rows).toEqual([{ client_address: '203.0.113.7' }]);
    // The origin to match is the one the browser used: https://host.
    const plainOrigin = await f.http.send('DELETE', '/api/v1/auth/session', {
      headers: { ...viaProxy, origin: f.gateway.url, cookie },
    });
    expect(plainOrigin.status).toBe(403);
  });

  it('a session unused for SESSION_IDLE_MINUTES ends; use keeps it alive', async () => {
    const answer = await login('inactiva@cau.test');
    const cookie = cookieOf(answer);
    const started = Date.now();
    // Used every second, past the first idle expiry (3 s after login).
    while (Date.now() - started < 4_000) {
      expect((await me(cookie)).status).toBe(200);
      await sleep(1_000);
    }
    await sleep(3_500);
    expect((await me(cookie)).status).toBe(401);
    const { rows } = await f.db.query('SELECT 1 FROM gateway.sessions WHERE account_id = $1', [answer.body.id]);
    expect(rows).toHaveLength(0);
  });

  it('a session ends SESSION_ABSOLUTE_HOURS after login even while in use', async () => {
    const answer = await login('absoluta@cau.test');
    const cookie = cookieOf(answer);
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 15_000) {
      await sleep(1_000);
      status = (await me(cookie)).status;
    }
    expect(status).toBe(401);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(6_500);
    expect(elapsed).toBeLessThan(12_000);
  }, 20_000);

  it('session logins share the token endpoint’s limit: 429 with Retry-After', async () => {
    await login('limitada@cau.test', 'mala-1');
    await login('limitada@cau.test', 'mala-2');
    const token = await f.http.send('POST', '/api/v1/auth/token', {
      json: { email: 'limitada@cau.test', password: 'mala-3' },
    });
    expect(token.status).toBe(401);
    const refused = await login('limitada@cau.test');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect((await login('otra-limitada@cau.test')).status).toBe(200);
  });

  it('password changes count against the same budget as the account’s logins', async () => {
    const cookie = cookieOf(await login('adivinada@cau.test'));
    const guess = (currentPassword: string) =>
      f.http.send('PUT', '/api/v1/accounts/me/password', {
        json: { currentPassword, newPassword: 'clave-nueva-789' },
        headers: { ...viaProxy, cookie },
      });
    expect((await guess('intento-1')).status).toBe(400);
    expect((await guess('intento-2')).status).toBe(400);
    const refused = await guess(PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect((await login('adivinada@cau.test')).status).toBe(429);
  });
});
