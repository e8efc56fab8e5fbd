import { startService, type RunningService } from '@cau/messaging';
import { startTestSmtpServer, waitFor, type ReceivedMail, type TestSmtpServer } from '@cau/testing';
import { notificationsService } from '../../notifications/src/notifications.service.js';
import { startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

const PORTAL_URL = 'https://cau.example.gob';
const PASSWORD = 'mi-clave-de-registro-1';
const LINK = /https:\/\/cau\.example\.gob\/verificar-correo\?token=([A-Za-z0-9_.%-]+)/;

describe('gateway + notifications: requester self-registration', () => {
  let f: GatewayFixture;
  let smtp: TestSmtpServer;
  let notifications: RunningService;

  const register = (body: Record<string, unknown>, fixture: GatewayFixture = f) =>
    fixture.http.send('POST', '/api/v1/auth/registrations', { json: body });
  const verify = (token: string, fixture: GatewayFixture = f) =>
    fixture.http.send<{ email: string } & Partial<ErrorBody>>('POST', '/api/v1/auth/registrations/verify', {
      json: { token },
    });
  const mailsTo = (email: string) => smtp.mails.filter((mail) => mail.envelopeTo.includes(email));
  const nextMailTo = (email: string, count: number): Promise<ReceivedMail> =>
    waitFor(() => Promise.resolve(mailsTo(email).length >= count ? mailsTo(email)[count - 1] : undefined), {
      what: `mail ${count} to ${email}`,
    });
  const tokenOf = (mail: ReceivedMail): string => {
    const match = LINK.exec(mail.parsed.text ?? '');
    if (!match?.[1]) throw new Error(`no link in ${mail.parsed.text}`);
    return decodeURIComponent(match[1]);
  };
  const accountsWith = async (email: string) =>
    (await f.db.query('SELECT role FROM gateway.accounts WHERE email = $1', [email])).rows as Array<{ role: string }>;
  const fieldsOf = (answer: { body: { fields?: Array<{ field: string }> } }) => answer.body.fields?.map((p) => p.field);

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    f = await startGateway('gwregister', {
      env: { SELF_REGISTRATION: 'true', SELF_REGISTRATION_DOMAINS: 'salud.gob.bo,cau.test' },
    });
    notifications = await startService(notificationsService, {
      ...(f.env as Record<string, string>),
      NOTIFICATIONS_PORT: '0',
      SMTP_URL: smtp.url,
      MAIL_FROM: '"CAU Mesa de Servicios" <mesa@cau.example.gob>',
      PORTAL_URL,
      MAIL_TIME_ZONE: 'UTC',
    });
  });

  afterAll(async () => {
    await notifications?.stop();
    await f?.stop();
    await smtp?.close();
  });

  it('tells the portal that registration is open, and for which domains', async () => {
    const options = await f.http.send('GET', '/api/v1/auth/providers');
    expect(options.body).toMatchObject({ selfRegistration: true, registrationDomains: ['salud.gob.bo', 'cau.test'] });
  });

  it('mails a single-use link that creates a requester account, audited; the person then signs in', async () => {
    const email = 'ana.quispe@lapaz.salud.gob.bo';
    const answer = await register({ name: ' Ana Quispe ', email: 'Ana.Quispe@LaPaz.salud.gob.bo', password: PASSWORD });
    expect(answer.status).toBe(202);
    const mail = await nextMailTo(email, 1);
    expect(mail.parsed.subject).toBe('[CAU] Confirme su correo para crear la cuenta');
    const token = tokenOf(mail);
    // Nothing exists before the link is opened; only the token's hash is kept.
    expect(await accountsWith(email)).toEqual([]);
    const stored = await f.db.query<{ token_hash: string; password_hash: string }>(
      'SELECT token_hash, password_hash FROM gateway.registrations WHERE email = $1',
      [email],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.token_hash).not.toContain(token.slice(0, 10));
    expect(stored.rows[0]?.password_hash).not.toContain(PASSWORD);

    const verified = await verify(token);
    expect(verified.status).toBe(201);
    expect(verified.body).toEqual({ email });
    expect(await accountsWith(email)).toEqual([{ role: 'requester' }]);
    const session = await f.http.send<{ name: string; role: string }>('POST', '/api/v1/auth/session', {
      json: { email, password: PASSWORD },
      headers: { 'x-cau-requested-with': 'portal', origin: f.gateway.url },
    });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ name: 'Ana Quispe', role: 'requester' });

    const again = await verify(token);
    expect(again.status).toBe(400);
    expect(fieldsOf(again)).toEqual(['token']);
    expect(again.body.fields?.[0]?.message).toMatch(/confirmar el correo/);

    const audit = await f.db.query<{ action: string; target_id: string; after: Record<string, unknown> }>(
      `SELECT action, target_id, after FROM gateway.audit_log
       WHERE action IN ('account.registration-request', 'account.registration-verify') AND after->>'email' = $1
       ORDER BY seq`,
      [email],
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'account.registration-request',
      'account.registration-verify',
    ]);
    expect(audit.rows[0]?.after).toMatchObject({ email, accountExists: false, clientAddress: expect.any(String) });
    expect(JSON.stringify(audit.rows)).not.toContain(token);
    expect(JSON.stringify(audit.rows)).not.toContain(PASSWORD);
  });

  it('answers an address that has an account the same, and mails it a notice to reset instead', async () => {
    const existing = 'ya.tiene@cau.test';
    const created = await f.http.send('POST', '/api/v1/accounts', {
      token: f.adminToken,
      json: { email: existing, name: 'Ya Tiene', password: 'clave-original-99', role: 'agent', area: 'MESA' },
    });
    expect(created.status).toBe(201);
    const known = await register({ name: 'Otro Nombre', email: existing, password: PASSWORD });
    const fresh = await register({ name: 'Nueva Persona', email: 'nueva@cau.test', password: PASSWORD });
    expect([known.status, fresh.status]).toEqual([202, 202]);
    expect(known.body).toEqual(fresh.body);

    const notice = await nextMailTo(existing, 1);
    expect(notice.parsed.subject).toBe('[CAU] Usted ya tiene una cuenta');
    expect(notice.parsed.text).toContain(`${PORTAL_URL}/recuperar`);
    expect(notice.parsed.text).not.toMatch(LINK);
    await nextMailTo('nueva@cau.test', 1);
    // The existing account is untouched: same role, same password.
    expect(await accountsWith(existing)).toEqual([{ role: 'agent' }]);
    expect(
      (await f.http.send('POST', '/api/v1/auth/token', { json: { email: existing, password: PASSWORD } })).status,
    ).toBe(401);
    const rows = await f.db.query('SELECT 1 FROM gateway.registrations WHERE email = $1', [existing]);
    expect(rows.rows).toHaveLength(0);
  });

  it('refuses an expired, forged or mangled token naming `token`, and creates nothing', async () => {
    const email = 'tarde@cau.test';
    await register({ name: 'Llega Tarde', email, password: PASSWORD });
    const token = tokenOf(await nextMailTo(email, 1));
    const [random = '', signature = ''] = token.split('.');
    const forged = `${random.slice(0, -1)}${random.endsWith('A') ? 'B' : 'A'}.${signature}`;
    for (const bad of [forged, 'x', `${random}.${random}`]) {
      const answer = await verify(bad);
      expect(answer.status).toBe(400);
      expect(fieldsOf(answer)).toEqual(['token']);
    }
    await f.db.query(`UPDATE gateway.registrations SET expires_at = now() - interval '1 second' WHERE email = $1`, [
      email,
    ]);
    const expired = await verify(token);
    expect(expired.status).toBe(400);
    expect(fieldsOf(expired)).toEqual(['token']);
    expect(await accountsWith(email)).toEqual([]);
  });

  it('speaks the registration’s language; registering twice leaves one account, and one created meanwhile is a conflict', async () => {
    const email = 'dos.enlaces@cau.test';
    await register({ name: 'Two Links', email, password: PASSWORD, language: 'en' });
    const first = await nextMailTo(email, 1);
    expect(first.parsed.subject).toBe('[CAU] Confirm your address to create the account');
    await register({ name: 'Two Links', email, password: PASSWORD, language: 'en' });
    const second = tokenOf(await nextMailTo(email, 2));
    expect((await verify(second)).status).toBe(201);
    // Opening one link used up the other.
    const other = await verify(tokenOf(first));
    expect(other.status).toBe(400);
    expect(fieldsOf(other)).toEqual(['token']);
    expect(await accountsWith(email)).toEqual([{ role: 'requester' }]);

    const late = 'creada.entretanto@cau.test';
    await register({ name: 'Entretanto', email: late, password: PASSWORD });
    const token = tokenOf(await nextMailTo(late, 1));
    const byAdmin = await f.http.send('POST', '/api/v1/accounts', {
      token: f.adminToken,
      json: { email: late, name: 'Creada por administración', password: 'clave-original-98', role: 'operator' },
    });
    expect(byAdmin.status).toBe(201);
    const conflict = await verify(token);
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('CONFLICT');
    expect(await accountsWith(late)).toEqual([{ role: 'operator' }]);
  });

  it('refuses a domain not listed naming `email`, a weak password naming `password`, and stores nothing', async () => {
    const outsider = await register({ name: 'Afuera', email: 'alguien@gmail.com', password: PASSWORD });
    expect(outsider.status).toBe(400);
    expect(fieldsOf(outsider)).toEqual(['email']);
    expect(outsider.body.fields?.[0]?.message).toMatch(/salud\.gob\.bo, cau\.test/);
    const short = await register({ name: 'Corta', email: 'corta@cau.test', password: 'corta' });
    expect(short.status).toBe(400);
    expect(fieldsOf(short)).toEqual(['password']);
    const common = await register({ name: 'Común', email: 'comun@cau.test', password: 'Password123' });
    expect(common.status).toBe(400);
    expect(fieldsOf(common)).toEqual(['password']);
    const noName = await register({ name: '   ', email: 'sinnombre@cau.test', password: PASSWORD });
    expect(noName.status).toBe(400);
    expect(fieldsOf(noName)).toEqual(['name']);
    const badLanguage = await register({ name: 'X', email: 'x@cau.test', password: PASSWORD, language: 'fr' });
    expect(fieldsOf(badLanguage)).toEqual(['language']);
    const rows = await f.db.query(
      `SELECT 1 FROM gateway.registrations WHERE email IN ('alguien@gmail.com', 'corta@cau.test', 'comun@cau.test', 'sinnombre@cau.test', 'x@cau.test')`,
    );
    expect(rows.rows).toHaveLength(0);
    expect(mailsTo('alguien@gmail.com')).toHaveLength(0);
  });

  it('is closed by default with a clear code, and rate limited like the login where open', async () => {
    const closed = await startGateway('gwregclosed');
    try {
      expect((await closed.http.send('GET', '/api/v1/auth/providers')).body).toMatchObject({
        selfRegistration: false,
        registrationDomains: [],
      });
      const answer = await register({ name: 'Nadie', email: 'nadie@cau.test', password: PASSWORD }, closed);
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('REGISTRATION_CLOSED');
      const malformed = await register({}, closed);
      expect(malformed.body.code).toBe('REGISTRATION_CLOSED');
      expect((await verify(`${'a'.repeat(43)}.${'b'.repeat(43)}`, closed)).body.code).toBe('REGISTRATION_CLOSED');
    } finally {
      await closed.stop();
    }
    const limited = await startGateway('gwreglimit', { env: { SELF_REGISTRATION: 'true', AUTH_RATE_LIMIT: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await register({ name: 'Insistente', email: 'muchas@veces.test', password: PASSWORD }, limited)).status,
        );
      }
      expect(statuses).toEqual([202, 202, 202, 429]);
      // The accepted ones finish their work after the answer: let them, before the gateway stops.
      await waitFor(
        async () => {
          const rows = await limited.db.query('SELECT 1 FROM gateway.registrations');
          return rows.rows.length === 3 ? true : undefined;
        },
        { what: 'the three accepted registrations stored' },
      );
    } finally {
      await limited.stop();
    }
  });
});
