import { SignJWT, decodeJwt } from 'jose';
import { startService } from '@cau/messaging';
import { createGatewayService } from '../src/gateway.service.js';
import { ADMIN, JWT_SECRET, startGateway, type GatewayFixture } from './gateway-fixture.js';

describe('gateway: accounts and authentication', () => {
  let f: GatewayFixture;

  beforeAll(async () => {
    f = await startGateway('gwauth');
  });

  afterAll(async () => {
    await f?.stop();
  });

  describe('first administrator', () => {
    it('is created from CAU_ADMIN_* with a memory-hard hash, the e-mail lower-case', async () => {
      const rows = await f.db.query('SELECT email, name, role, password_hash FROM gateway.accounts');
      expect(rows.rows).toEqual([
        { email: ADMIN.email, name: ADMIN.name, role: 'admin', password_hash: expect.stringMatching(/^\$argon2id\$/) },
      ]);
    });

    it('gets a bearer token that identifies it', async () => {
      const answer = await f.http.send<{ accessToken: string; tokenType: string; expiresIn: number }>(
        'POST',
        '/api/v1/auth/token',
        { json: { email: 'ADMIN@cau.test', password: ADMIN.password } },
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
      const claims = decodeJwt(answer.body.accessToken);
      expect(claims).toMatchObject({ role: 'admin', email: ADMIN.email, name: ADMIN.name, sub: expect.any(String) });
      const me = await f.http.send<{ email: string; role: string }>('GET', '/api/v1/accounts/me', {
        token: answer.body.accessToken,
      });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: claims.sub, email: ADMIN.email, role: 'admin', active: true });
      expect(me.body).not.toHaveProperty('passwordHash');
    });

    it('is not created twice when another gateway starts', async () => {
      const second = await startService(
        createGatewayService({ ...f.env, CAU_ADMIN_PASSWORD: 'otra-clave-distinta' }),
        f.env,
      );
      await second.stop();
      const rows = await f.db.query('SELECT count(*)::int AS n FROM gateway.accounts WHERE role = $1', ['admin']);
      expect(rows.rows[0].n).toBe(1);
      await expect(f.http.token(ADMIN.email, ADMIN.password)).resolves.toEqual(expect.any(String));
    });
  });

  describe('wrong credentials', () => {
    it('answer 401 INVALID_CREDENTIALS in Spanish by default', async () => {
      const answer = await f.http.send('POST', '/api/v1/auth/token', {
        json: { email: ADMIN.email, password: 'no-es-la-clave' },
      });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        statusCode: 401,
        code: 'INVALID_CREDENTIALS',
        message: 'Correo electrónico o contraseña incorrectos.',
        correlationId: expect.any(String),
      });
    });

    it('answer in English when Accept-Language prefers it', async () => {
      const answer = await f.http.send('POST', '/api/v1/auth/token', {
        json: { email: ADMIN.email, password: 'no-es-la-clave' },
        headers: { 'accept-language': 'en-GB,en;q=0.9,es;q=0.5' },
      });
      expect(answer.status).toBe(401);
      expect(answer.body.message).toBe('Wrong e-mail or password.');
    });

    it('give the same answer for an unknown e-mail and a disabled account, after similar work', async () => {
      const attempt = async (email: string, password: string): Promise<{ ms: number; body: unknown }> => {
        const started = performance.now();
        const answer = await f.http.send('POST', '/api/v1/auth/token', { json: { email, password } });
        return { ms: performance.now() - started, body: { ...answer.body, correlationId: null } };
      };
      const median = async (email: string, password: string): Promise<number> => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) times.push((await attempt(email, password)).ms);
        return times.sort((a, b) => a - b)[2]!;
      };
      const wrongPassword = await attempt(ADMIN.email, 'no-es-la-clave');
      expect((await attempt('nadie@cau.test', 'no-es-la-clave')).body).toEqual(wrongPassword.body);
      // Both verify an argon2id hash; an unknown e-mail that skipped it would answer in about a millisecond.
      expect(await median('nadie@cau.test', 'no-es-la-clave')).toBeGreaterThan(
        (await median(ADMIN.email, 'no-es-la-clave')) / 3,
      );

      await f.http.account(f.adminToken, { email: 'baja@cau.test', role: 'operator' });
      await f.db.query('UPDATE gateway.accounts SET active = false WHERE email = $1', ['baja@cau.test']);
      expect((await attempt('baja@cau.test', 'clave-de-prueba-1')).body).toEqual(wrongPassword.body);
    });

    it('refuse a login without a password, naming the field', async () => {
      const answer = await f.http.send('POST', '/api/v1/auth/token', { json: { email: ADMIN.email } });
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual([{ field: 'password', message: 'El campo «password» es obligatorio.' }]);
    });
  });

  describe('bearer tokens', () => {
    const resign = async (token: string, secret: string, changes: Record<string, unknown>): Promise<string> =>
      new SignJWT({ ...decodeJwt(token), ...changes })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(new TextEncoder().encode(secret));
    const now = (): number => Math.floor(Date.now() / 1000);

    it.each([
      ['missing', undefined],
      ['garbage', 'Bearer abc.def.ghi'],
      ['not a bearer', 'Basic YWRtaW46c2VjcmV0'],
      ['empty', 'Bearer '],
    ])('%s → 401 UNAUTHORIZED', async (_case, authorization) => {
      const answer = await f.http.send('GET', '/api/v1/accounts/me', {
        headers: authorization ? { authorization } : {},
      });
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('UNAUTHORIZED');
      expect(answer.body.message).toBe('Se requiere un token de acceso válido (cabecera Authorization: Bearer …).');
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('refuses an expired token, while the same token unexpired is accepted', async () => {
      const fresh = await resign(f.adminToken, JWT_SECRET, { iat: now() - 60, exp: now() + 60 });
      expect((await f.http.send('GET', '/api/v1/accounts/me', { token: fresh })).status).toBe(200);
      const expired = await resign(f.adminToken, JWT_SECRET, { iat: now() - 7200, exp: now() - 3600 });
      const answer = await f.http.send('GET', '/api/v1/accounts/me', {
        token: expired,
        headers: { 'accept-language': 'en' },
      });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'A valid access token is required (Authorization: Bearer … header).',
      });
    });

    it('refuses a token signed with another secret, or claiming a role that does not exist', async () => {
      const forged = await resign(f.adminToken, 'another-secret-another-secret-0123456789', {});
      expect((await f.http.send('GET', '/api/v1/accounts/me', { token: forged })).status).toBe(401);
      const strangeRole = await resign(f.adminToken, JWT_SECRET, { role: 'superuser' });
      expect((await f.http.send('GET', '/api/v1/accounts/me', { token: strangeRole })).status).toBe(401);
    });
  });

  describe('accounts', () => {
    it('an administrator creates accounts; the answer never shows the password hash', async () => {
      const answer = await f.http.send<Record<string, unknown>>('POST', '/api/v1/accounts', {
        token: f.adminToken,
        json: {
          email: 'Referente@Salud.gob',
          name: 'Referente Salud',
          password: 'clave-segura-1',
          role: 'referente',
          jurisdiction: 'SALUD',
        },
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({
        id: expect.any(String),
        email: 'referente@salud.gob',
        name: 'Referente Salud',
        role: 'referente',
        jurisdiction: 'SALUD',
        area: null,
        active: true,
        createdAt: expect.any(String),
        language: null,
      });
      const token = await f.http.token('referente@salud.gob', 'clave-segura-1');
      expect(decodeJwt(token)).toMatchObject({ role: 'referente', jurisdiction: 'SALUD' });
    });

    it('a duplicate e-mail → 409 CONFLICT', async () => {
      const account = { email: 'operador@cau.test', name: 'Operador', password: 'clave-segura-1', role: 'operator' };
      expect((await f.http.send('POST', '/api/v1/accounts', { token: f.adminToken, json: account })).status).toBe(201);
      const again = await f.http.send('POST', '/api/v1/accounts', {
        token: f.adminToken,
        json: { ...account, email: 'OPERADOR@cau.test' },
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'CONFLICT', message: 'Conflicto: el recurso ya existe.' });
    });

    it('a referente needs a jurisdiction and an agent an area; short passwords are refused', async () => {
      const answer = await f.http.send('POST', '/api/v1/accounts', {
        token: f.adminToken,
        json: { email: 'agente@cau.test', name: 'Agente', password: 'corta', role: 'agent', area: 'uit' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual([
        { field: 'password', message: 'El campo «password» requiere al menos 10 caracteres.' },
        { field: 'area', message: 'El campo «area» no tiene el formato esperado.' },
      ]);
      const referente = await f.http.send('POST', '/api/v1/accounts', {
        token: f.adminToken,
        json: { email: 'ref2@cau.test', name: '   ', password: 'clave-segura-1', role: 'referente' },
      });
      expect(referente.body.fields).toEqual([
        { field: 'name', message: 'El campo «name» no tiene el formato esperado.' },
        { field: 'jurisdiction', message: 'El campo «jurisdiction» es obligatorio.' },
      ]);
    });

    it('a requester may not create accounts → 403 naming the role required', async () => {
      const token = await f.http.account(f.adminToken, { email: 'solicitante@cau.test', role: 'requester' });
      const answer = await f.http.send('POST', '/api/v1/accounts', {
        token,
        json: { email: 'x@cau.test', name: 'X', password: 'clave-segura-1', role: 'admin' },
      });
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({
        code: 'FORBIDDEN',
        message: 'No tiene permiso para esta operación: se requiere el rol admin.',
      });
      const english = await f.http.send('POST', '/api/v1/accounts', {
        token,
        json: {},
        headers: { 'accept-language': 'en' },
      });
      expect(english.body.message).toBe('You are not allowed to do this: the role admin is required.');
      const me = await f.http.send<{ role: string }>('GET', '/api/v1/accounts/me', { token });
      expect(me.body.role).toBe('requester');
    });
  });
});
