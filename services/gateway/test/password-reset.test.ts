import { startService, type RunningService } from '@cau/messaging';
import { startTestSmtpServer, waitFor, type ReceivedMail, type TestSmtpServer } from '@cau/testing';
import { notificationsService } from '../../notifications/src/notifications.service.js';
import { startGateway, type GatewayFixture } from './gateway-fixture.js';

const PORTAL_URL = 'https://cau.example.gob';
const PASSWORD = 'clave-de-prueba-1';
const NEW_PASSWORD = 'otra-clave-nueva-2';
const LINK = /https:\/\/cau\.example\.gob\/restablecer\?token=([A-Za-z0-9_.-]+)/;

describe('gateway + notifications: password reset by mail', () => {
  let f: GatewayFixture;
  let smtp: TestSmtpServer;
  let notifications: RunningService;
  let portal: Record<string, string>;

  const create = async (email: string, extra: Record<string, unknown> = {}) => {
    const answer = await f.http.send<{ id: string }>('POST', '/api/v1/accounts', {
      token: f.adminToken,
      json: { email, name: `Persona ${email}`, password: PASSWORD, role: 'requester', ...extra },
    });
    expect(answer.status).toBe(201);
    return answer.body.id;
  };
  const ask = (email: string) => f.http.send('POST', '/api/v1/auth/password-reset', { json: { email } });
  const confirm = (token: string, password = NEW_PASSWORD) =>
    f.http.send('POST', '/api/v1/auth/password-reset/confirm', { json: { token, password } });
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
  const canLogIn = async (email: string, password: string) =>
    (await f.http.send('POST', '/api/v1/auth/token', { json: { email, password } })).status === 200;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    f = await startGateway('gwreset');
    portal = { 'x-cau-requested-with': 'portal', origin: f.gateway.url };
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

  it('mails a single-use link that sets the password and closes the sessions', async () => {
    const email = 'olvido@cau.test';
    const id = await create(email);
    const session = await f.http.send('POST', '/api/v1/auth/session', {
      json: { email, password: PASSWORD },
      headers: portal,
    });
    expect(session.status).toBe(200);
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await f.http.send('GET', '/api/v1/auth/session', { headers: { cookie } })).status).toBe(200);

    const answer = await ask('Olvido@CAU.test');
    expect(answer.status).toBe(202);
    const mail = await nextMailTo(email, 1);
    expect(mail.parsed.subject).toBe('[CAU] Restablecer su contraseña');
    const token = tokenOf(mail);

    // Only the hash is kept.
    const stored = await f.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM gateway.password_resets WHERE account_id = $1',
      [id],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.token_hash).not.toContain(token.slice(0, 10));

    expect((await confirm(token)).status).toBe(204);
    expect(await canLogIn(email, NEW_PASSWORD)).toBe(true);
    expect(await canLogIn(email, PASSWORD)).toBe(false);
    expect((await f.http.send('GET', '/api/v1/auth/session', { headers: { cookie } })).status).toBe(401);

    const again = await confirm(token, 'tercera-clave-3');
    expect(again.status).toBe(400);
    expect(again.body.fields?.map((p) => p.field)).toEqual(['token']);
    expect(await canLogIn(email, NEW_PASSWORD)).toBe(true);
  });

  it('answers the same for an unknown or a disabled address, and mails nothing', async () => {
    const disabled = 'deshabilitada@cau.test';
    const id = await create(disabled);
    expect(
      (await f.http.send('PATCH', `/api/v1/accounts/${id}`, { token: f.adminToken, json: { active: false } })).status,
    ).toBe(200);
    const unknown = await ask('nadie@cau.test');
    const off = await ask(disabled);
    const known = await ask('olvido@cau.test');
    expect([unknown.status, off.status, known.status]).toEqual([202, 202, 202]);
    expect(unknown.body).toEqual(known.body);
    expect(off.body).toEqual(known.body);
    await nextMailTo('olvido@cau.test', 2);
    const rows = await f.db.query(
      `SELECT 1 FROM gateway.password_resets r JOIN gateway.accounts a ON a.id = r.account_id
       WHERE a.email IN ('nadie@cau.test', $1)`,
      [disabled],
    );
    expect(rows.rows).toHaveLength(0);
    expect(mailsTo('nadie@cau.test')).toHaveLength(0);
    expect(mailsTo(disabled)).toHaveLength(0);
  });

  it('refuses an expired, forged or mangled token naming `token`, and a short or common password naming `password`', async () => {
    const email = 'vencido@cau.test';
    await create(email, { role: 'operator' });
    await ask(email);
    const token = tokenOf(await nextMailTo(email, 1));

    const short = await confirm(token, 'corta');
    expect(short.status).toBe(400);
    expect(short.body.fields?.map((p) => p.field)).toEqual(['password']);
    // Long enough, but among the passwords guessed first: refused by the common-password list.
    const common = await confirm(token, 'Password123');
    expect(common.status).toBe(400);
    expect(common.body.fields?.map((p) => p.field)).toEqual(['password']);
    expect(common.body.fields?.[0]?.message).toMatch(/más usadas/);

    const [random = '', signature = ''] = token.split('.');
    const forged = `${random.slice(0, -1)}${random.endsWith('A') ? 'B' : 'A'}.${signature}`;
    for (const bad of [forged, 'x', `${random}.${random}`]) {
      const answer = await confirm(bad);
      expect(answer.status).toBe(400);
      expect(answer.body.fields?.map((p) => p.field)).toEqual(['token']);
    }

    await f.db.query(`UPDATE gateway.password_resets SET expires_at = now() - interval '1 second'`);
    const expired = await confirm(token);
    expect(expired.status).toBe(400);
    expect(expired.body.fields?.map((p) => p.field)).toEqual(['token']);
    expect(expired.body.fields?.[0]?.message).toMatch(/venció/);
    expect(await canLogIn(email, PASSWORD)).toBe(true);
  });

  it('lets an administrator send the link, audited; not to a disabled account; not by anyone else', async () => {
    const email = 'ayuda@cau.test';
    const id = await create(email, { role: 'operator' });
    const sent = await f.http.send('POST', `/api/v1/accounts/${id}/password-reset`, { token: f.adminToken });
    expect(sent.status).toBe(202);
    const token = tokenOf(await nextMailTo(email, 1));
    const audit = await f.http.send<{ items: Array<{ action: string; after: Record<string, unknown> }> }>(
      'GET',
      `/api/v1/audit?targetType=account&targetId=${id}`,
      { token: f.adminToken },
    );
    expect(audit.body.items[0]).toMatchObject({
      action: 'account.password-reset',
      after: { email, resetLinkExpiresAt: expect.any(String) },
    });
    expect(JSON.stringify(audit.body)).not.toContain(token);

    const operator = await f.http.token(email, PASSWORD);
    expect((await f.http.send('POST', `/api/v1/accounts/${id}/password-reset`, { token: operator })).status).toBe(403);

    await f.http.send('PATCH', `/api/v1/accounts/${id}`, { token: f.adminToken, json: { active: false } });
    expect((await f.http.send('POST', `/api/v1/accounts/${id}/password-reset`, { token: f.adminToken })).status).toBe(
      409,
    );
    // A link sent before the account was disabled does not work while it is.
    const used = await confirm(token);
    expect(used.status).toBe(400);
  });

  it('is rate limited like the login', async () => {
    const limited = await startGateway('gwresetlimit', { env: { AUTH_RATE_LIMIT: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await limited.http.send('POST', '/api/v1/auth/password-reset', { json: { email: 'x@cau.test' } })).status,
        );
      }
      expect(statuses).toEqual([202, 202, 202, 429]);
    } finally {
      await limited.stop();
    }
  });

  it('answers 400 naming the field for a malformed request', async () => {
    const noEmail = await f.http.send('POST', '/api/v1/auth/password-reset', { json: { email: 'no-es-correo' } });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.fields?.map((p) => p.field)).toEqual(['email']);
  });
});
