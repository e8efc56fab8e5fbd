import { decodeJwt } from 'jose';
import { ADMIN, startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

const PORTAL = 'https://portal.cau.test';

describe('gateway: login limit, revoked accounts, security headers', () => {
  let f: GatewayFixture;

  beforeAll(async () => {
    f = await startGateway('gwharden', {
      env: {
        AUTH_RATE_LIMIT: '10',
        AUTH_RATE_WINDOW_SECONDS: '60',
        AUTH_ACCOUNT_CACHE_SECONDS: '1',
        CORS_ORIGINS: PORTAL,
      },
    });
  });

  afterAll(async () => {
    await f?.stop();
  });

  const login = (email: string, password: string, language = 'es') =>
    f.http.send<{ accessToken: string } & Partial<ErrorBody>>('POST', '/api/v1/auth/token', {
      json: { email, password },
      headers: { 'accept-language': language },
    });

  describe('login attempts', () => {
    it('the 11th attempt for one e-mail gets 429 with Retry-After, while another e-mail still logs in', async () => {
      const created = await f.http.send('POST', '/api/v1/accounts', {
        token: f.adminToken,
        json: { email: 'victima@cau.test', name: 'Víctima', password: 'clave-de-prueba-1', role: 'operator' },
      });
      expect(created.status).toBe(201);
      for (let attempt = 1; attempt <= 10; attempt++) {
        expect((await login('victima@cau.test', `intento-${attempt}-malo`)).status).toBe(401);
      }
      const refused = await login('VICTIMA@cau.test', 'clave-de-prueba-1');
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({
        statusCode: 429,
        code: 'TOO_MANY_ATTEMPTS',
        message: expect.stringMatching(/^Demasiados intentos de inicio de sesión; intente de nuevo en \d+ segundos\.$/),
        correlationId: expect.any(String),
      });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.message).toContain(`en ${retryAfter} segundos`);
      expect(refused.headers.get('x-ratelimit-remaining')).toBeNull();

      const english = await login('victima@cau.test', 'clave-de-prueba-1', 'en');
      expect(english.status).toBe(429);
      expect(english.body.message).toMatch(/^Too many sign-in attempts; try again in \d+ seconds\.$/);
      expect(english.headers.get('retry-after')).toMatch(/^\d+$/);

      expect((await login(ADMIN.email, ADMIN.password)).status).toBe(200);
    });
  });

  describe('tokens of changed accounts', () => {
    it('an administrator disables an account: its token is refused at once here, and it cannot log in', async () => {
      const token = await f.http.account(f.adminToken, { email: 'baja-api@cau.test', role: 'operator' });
      const id = decodeJwt(token).sub!;
      expect((await f.http.send('GET', '/api/v1/accounts/me', { token })).status).toBe(200);

      const disabled = await f.http.send('PATCH', `/api/v1/accounts/${id}`, {
        token: f.adminToken,
        json: { active: false },
      });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ id, email: 'baja-api@cau.test', active: false, role: 'operator' });
      const refused = await f.http.send('GET', '/api/v1/accounts/me', { token });
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('UNAUTHORIZED');
      expect((await login('baja-api@cau.test', 'clave-de-prueba-1')).status).toBe(401);

      const enabled = await f.http.send('PATCH', `/api/v1/accounts/${id}`, {
        token: f.adminToken,
        json: { active: true },
      });
      expect(enabled.status).toBe(200);
      expect((await f.http.send('GET', '/api/v1/accounts/me', { token })).status).toBe(200);
    });

    it('a token is refused within the cache window when the account changes elsewhere', async () => {
      const token = await f.http.account(f.adminToken, { email: 'baja-db@cau.test', role: 'operator' });
      expect((await f.http.send('GET', '/api/v1/accounts/me', { token })).status).toBe(200);
      // As another gateway instance (or a DBA) would: this instance learns of it only from the database.
      await f.db.query('UPDATE gateway.accounts SET active = false WHERE email = $1', ['baja-db@cau.test']);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await f.http.send('GET', '/api/v1/accounts/me', { token })).status).toBe(401);
    });

    it('a role change makes the old token invalid; a new login carries the new role', async () => {
      const token = await f.http.account(f.adminToken, { email: 'ascenso@cau.test', role: 'operator' });
      const id = decodeJwt(token).sub!;
      const promoted = await f.http.send('PATCH', `/api/v1/accounts/${id}`, {
        token: f.adminToken,
        json: { role: 'supervisor' },
      });
      expect(promoted.status).toBe(200);
      expect((await f.http.send('GET', '/api/v1/accounts/me', { token })).status).toBe(401);
      const fresh = await f.http.token('ascenso@cau.test', 'clave-de-prueba-1');
      expect(decodeJwt(fresh)).toMatchObject({ role: 'supervisor' });
    });

    it('bad changes are refused naming the field', async () => {
      const token = await f.http.account(f.adminToken, { email: 'cambios@cau.test', role: 'operator' });
      const id = decodeJwt(token).sub!;
      const wrongTypes = await f.http.send('PATCH', `/api/v1/accounts/${id}`, {
        token: f.adminToken,
        json: { active: 'no', role: 'jefe' },
      });
      expect(wrongTypes.status).toBe(400);
      expect(wrongTypes.body.fields).toEqual([
        { field: 'active', message: 'El campo «active» debe ser verdadero o falso.' },
        { field: 'role', message: expect.stringContaining('El campo «role» debe ser uno de:') },
      ]);
      const agentWithoutArea = await f.http.send('PATCH', `/api/v1/accounts/${id}`, {
        token: f.adminToken,
        json: { role: 'agent' },
      });
      expect(agentWithoutArea.status).toBe(400);
      expect(agentWithoutArea.body.fields).toEqual([{ field: 'area', message: 'El campo «area» es obligatorio.' }]);

      const adminId = decodeJwt(f.adminToken).sub!;
      const self = await f.http.send('PATCH', `/api/v1/accounts/${adminId}`, {
        token: f.adminToken,
        json: { active: false },
        headers: { 'accept-language': 'en' },
      });
      expect(self.status).toBe(400);
      expect(self.body.fields).toEqual([
        {
          field: 'active',
          message: "Field 'active' cannot be changed on your own account: another administrator must do it.",
        },
      ]);

      const badId = await f.http.send('PATCH', '/api/v1/accounts/no-es-uuid', { token: f.adminToken, json: {} });
      expect(badId.status).toBe(400);
      expect(badId.body.fields).toEqual([{ field: 'id', message: 'El campo «id» debe ser un UUID.' }]);
      const missing = await f.http.send('PATCH', '/api/v1/accounts/3f0e4f52-4a53-4d5e-9d7e-1b2c3d4e5f60', {
        token: f.adminToken,
        json: { active: false },
      });
      expect(missing.status).toBe(404);
      const notAdmin = await f.http.send('PATCH', `/api/v1/accounts/${id}`, { token, json: { active: false } });
      expect(notAdmin.status).toBe(403);
    });
  });

  describe('security headers and CORS', () => {
    it('every answer carries helmet’s headers', async () => {
      const answer = await f.http.send('GET', '/api/v1/accounts/me', { token: f.adminToken });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(answer.headers.get('x-powered-by')).toBeNull();
    });

    it('the docs page is still served, its scripts allowed by the policy', async () => {
      const page = await fetch(`${f.gateway.url}/api/docs`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      // script-src 'self' blocks inline scripts: every script must come from a file the gateway serves.
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(body!.trim()).toBe('');
        const src = /src="([^"]+)"/.exec(attributes!)?.[1];
        expect(src).toBeDefined();
        const script = await fetch(new URL(src!, `${f.gateway.url}/api/docs/`));
        expect(script.status).toBe(200);
        // Read to the end: an unread body keeps its connection busy, and the gateway's stop waits for it.
        expect((await script.text()).length).toBeGreaterThan(0);
      }
      const document = (await (await fetch(`${f.gateway.url}/api/docs-json`)).json()) as {
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      };
      expect(document.paths['/api/v1/auth/token']?.post?.responses).toHaveProperty('429');
      expect(document.paths['/api/v1/accounts/{id}']?.patch?.responses).toHaveProperty('400');
    });

    it('answers CORS only for the configured origins', async () => {
      const preflight = (origin: string) =>
        fetch(`${f.gateway.url}/api/v1/auth/token`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      const allowed = await preflight(PORTAL);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
      const other = await preflight('https://malicioso.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('gateway: CORS off by default', () => {
  let f: GatewayFixture;

  beforeAll(async () => {
    f = await startGateway('gwnocors');
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('sends no CORS headers to any origin', async () => {
    const answer = await fetch(`${f.gateway.url}/api/v1/accounts/me`, {
      headers: { origin: 'https://portal.cau.test', authorization: `Bearer ${f.adminToken}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
