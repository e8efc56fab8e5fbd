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

  it('the administrator seeded at boot can use the portal', async () => {
    const answer = await login(ADMIN.email, ADMIN.password);
    expect(answer.status).toBe(200);
    expect((await withCookie('GET', '/api/v1/accounts/me', cookieOf(answer))).status).toBe(200);
  });
});
