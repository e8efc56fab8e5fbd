import { Role, type AnnouncementListV1, type AnnouncementV1, type PreferenceListV1 } from '@cau/contracts';
import { startService, type RunningService } from '@cau/messaging';
import { startTestSmtpServer, waitFor, type TestSmtpServer } from '@cau/testing';
import { notificationsService } from '../../notifications/src/notifications.service.js';
import { registration, startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

interface AuditPage {
  items: Array<{ action: string; targetId: string; actor: { email: string }; before: unknown; after: unknown }>;
}

const HOUR = 3_600_000;
const at = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();

const announcement = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'planned-outage',
  title: 'Corte del correo institucional',
  body: 'El sábado de 8 a 12 el correo no estará disponible.\n\n- Guarde sus borradores',
  language: 'es',
  audience: 'jurisdictions',
  jurisdictions: ['SALUD'],
  validFrom: at(-HOUR),
  validUntil: at(24 * HOUR),
  sendMail: false,
  ...overrides,
});
/** An edit sends the whole announcement but `sendMail` (only a new one is mailed). */
const edit = (overrides: Record<string, unknown> = {}): Record<string, unknown> => {
  const { sendMail: _mailedOnlyWhenNew, ...fields } = announcement(overrides);
  return fields;
};

describe('gateway: announcements', () => {
  let f: GatewayFixture;
  let smtp: TestSmtpServer;
  let notifications: RunningService;
  let saludRequester: string;
  let educacionRequester: string;
  let educacionReferente: string;
  let operator: string;

  const send = <T = ErrorBody>(method: string, path: string, body?: unknown, token = f.adminToken) =>
    f.http.send<T>(method, `/api/v1/announcements${path}`, { token, ...(body !== undefined ? { json: body } : {}) });
  const current = async (token: string) =>
    (await send<AnnouncementListV1>('GET', '/current', undefined, token)).body.items.map((a) => a.title);
  const mailsAbout = (title: string) => smtp.mails.filter((m) => m.parsed.subject?.includes(title));
  const deliveries = async (kind = 'announcement'): Promise<number> =>
    (await f.db.query('SELECT count(*)::int AS n FROM notifications.deliveries WHERE kind = $1', [kind])).rows[0].n;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    f = await startGateway('gwannounce', { intake: true });
    notifications = await startService(notificationsService, {
      ...(f.env as Record<string, string>),
      NOTIFICATIONS_PORT: '0',
      SMTP_URL: smtp.url,
      PORTAL_URL: 'https://cau.example.gob',
    });
    for (const [code, name] of [
      ['SALUD', 'Ministerio de Salud'],
      ['EDUCACION', 'Ministerio de Educación'],
    ]) {
      const saved = await f.http.send('PUT', `/api/v1/catalogue/jurisdictions/${code}`, {
        token: f.adminToken,
        json: { name, referenteEmails: [], supervisorEmails: [] },
      });
      expect(saved.status).toBe(200);
    }
    // Requesters as notifications knows them: by their latest ticket. Carla moved from SALUD to EDUCACION.
    const tickets: Array<[string, string, string]> = [
      ['ana@salud.gob', 'Ana Salud', 'SALUD'],
      ['beto@educacion.gob', 'Beto Educación', 'EDUCACION'],
      ['carla@gob.test', 'Carla Movida', 'SALUD'],
      ['carla@gob.test', 'Carla Movida', 'EDUCACION'],
    ];
    for (const [email, name, jurisdiction] of tickets) {
      const registered = await f.http.send('POST', '/api/v1/tickets', {
        token: f.adminToken,
        json: registration({ requester: { email, name }, jurisdiction }),
      });
      expect(registered.status).toBe(201);
    }
    await waitFor(
      async () =>
        (await f.db.query('SELECT count(*)::int AS n FROM notifications.tickets')).rows[0].n === tickets.length,
      { what: 'notifications to know the tickets' },
    );
    saludRequester = await f.http.account(f.adminToken, { email: 'ana@salud.gob', role: Role.Requester });
    educacionRequester = await f.http.account(f.adminToken, { email: 'beto@educacion.gob', role: Role.Requester });
    educacionReferente = await f.http.account(f.adminToken, {
      email: 'ref@educacion.gob',
      role: Role.Referente,
      jurisdiction: 'EDUCACION',
    });
    operator = await f.http.account(f.adminToken, { email: 'op@announce.test', role: Role.Operator });
  });

  afterAll(async () => {
    await notifications?.stop();
    await f?.stop();
    await smtp?.close();
  });

  it('answers bad input with a 400 naming the field, lets only administrators publish, and stores nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [announcement({ title: '   ' }), 'title'],
      [announcement({ kind: 'rumor' }), 'kind'],
      [announcement({ audience: 'algunos' }), 'audience'],
      [announcement({ jurisdictions: undefined }), 'jurisdictions'],
      [announcement({ jurisdictions: [] }), 'jurisdictions'],
      [announcement({ jurisdictions: ['SALUD', 'MARTE'] }), 'jurisdictions.1'],
      [announcement({ validFrom: 'mañana' }), 'validFrom'],
      [announcement({ validUntil: at(-2 * HOUR) }), 'validUntil'],
      [announcement({ sendMail: 'sí' }), 'sendMail'],
      [announcement({ language: 'fr' }), 'language'],
    ];
    for (const [body, field] of cases) {
      const refused = await send('POST', '', body);
      expect({ field, status: refused.status }).toEqual({ field, status: 400 });
      expect(refused.body.fields?.map((p) => p.field)).toContain(field);
    }
    expect((await send('POST', '', announcement(), operator)).status).toBe(403);
    expect((await send('GET', '', undefined, operator)).status).toBe(403);
    expect((await send('PUT', '/no-es-un-id', edit())).status).toBe(400);
    expect((await send<AnnouncementListV1>('GET', '')).body).toEqual({ items: [] });
  });

  it('shows each person the valid announcements of their audience, and mails the right requesters once', async () => {
    const salud = await send<AnnouncementV1>('POST', '', announcement({ title: 'Corte en Salud', sendMail: true }));
    expect(salud.status).toBe(201);
    expect(salud.body).toMatchObject({ audience: 'jurisdictions', jurisdictions: ['SALUD'], version: 1 });
    const everyone = await send<AnnouncementV1>(
      'POST',
      '',
      announcement({ kind: 'security-alert', title: 'Alerta para todos', audience: 'everyone', sendMail: true }),
    );
    expect(everyone.status).toBe(201);
    const future = await send(
      'POST',
      '',
      announcement({ title: 'Boletín futuro', audience: 'everyone', validFrom: at(HOUR) }),
    );
    const past = await send(
      'POST',
      '',
      announcement({ title: 'Aviso vencido', audience: 'everyone', validFrom: at(-3 * HOUR), validUntil: at(-HOUR) }),
    );
    expect([future.status, past.status]).toEqual([201, 201]);

    // Security alerts first, then the latest to start.
    expect(await current(saludRequester)).toEqual(['Alerta para todos', 'Corte en Salud']);
    expect(await current(educacionRequester)).toEqual(['Alerta para todos']);
    expect(await current(educacionReferente)).toEqual(['Alerta para todos']);
    expect(await current(operator)).toEqual(['Alerta para todos', 'Corte en Salud']);
    const all = (await send<AnnouncementListV1>('GET', '')).body.items.map((a) => a.title);
    expect(all.sort()).toEqual(['Alerta para todos', 'Aviso vencido', 'Boletín futuro', 'Corte en Salud']);

    // SALUD's requesters by their latest ticket: Ana only (Carla's latest is EDUCACION); everyone: all three.
    await waitFor(
      async () => mailsAbout('Alerta para todos').length === 3 && mailsAbout('Corte en Salud').length === 1,
      {
        what: 'the announcement mails',
      },
    );
    expect(mailsAbout('Corte en Salud').flatMap((m) => m.envelopeTo)).toEqual(['ana@salud.gob']);
    expect(
      mailsAbout('Alerta para todos')
        .flatMap((m) => m.envelopeTo)
        .sort(),
    ).toEqual(['ana@salud.gob', 'beto@educacion.gob', 'carla@gob.test']);
    const mail = mailsAbout('Corte en Salud')[0]!.parsed;
    expect(mail.subject).toBe('[CAU] Corte programado: Corte en Salud');
    expect(mail.text).toContain('Hola, Ana Salud:');
    expect(mail.text).toContain('- Guarde sus borradores');
    expect(await deliveries()).toBe(4);
    await waitFor(
      async () =>
        (
          await f.db.query(
            `SELECT count(*)::int AS n FROM notifications.deliveries WHERE kind = 'announcement' AND status = 'sent'`,
          )
        ).rows[0].n === 4,
      { what: 'the announcement mails to be settled' },
    );
    expect(mailsAbout('Corte en Salud').length + mailsAbout('Alerta para todos').length).toBe(4);
  });

  it('edits without mailing again and withdraws without deleting, both audited with who and when', async () => {
    const created = await send<AnnouncementV1>(
      'POST',
      '',
      announcement({
        title: 'Charla de ciberseguridad',
        kind: 'bulletin',
        sendMail: true,
        jurisdictions: ['EDUCACION'],
      }),
    );
    expect(created.status).toBe(201);
    await waitFor(async () => mailsAbout('Charla de ciberseguridad').length === 2, { what: 'the bulletin mails' });
    const mailsBefore = await deliveries();

    const edited = await send<AnnouncementV1>(
      'PUT',
      `/${created.body.id}`,
      edit({ title: 'Charla de ciberseguridad (nuevo horario)', kind: 'bulletin', jurisdictions: ['EDUCACION'] }),
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, updatedBy: { email: 'admin@cau.test' } });
    expect(await current(educacionRequester)).toContain('Charla de ciberseguridad (nuevo horario)');
    const refused = await send('PUT', `/${created.body.id}`, edit({ jurisdictions: ['MARTE'] }));
    expect(refused.status).toBe(400);
    expect(refused.body.fields?.map((p) => p.field)).toEqual(['jurisdictions.0']);

    const withdrawn = await send<AnnouncementV1>('POST', `/${created.body.id}/withdrawal`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    expect(await current(educacionRequester)).not.toContain('Charla de ciberseguridad (nuevo horario)');
    const listed = (await send<AnnouncementListV1>('GET', '')).body.items.map((a) => a.id);
    expect(listed).not.toContain(created.body.id);
    expect((await send('POST', `/${created.body.id}/withdrawal`)).status).toBe(404);
    expect((await send('PUT', `/${created.body.id}`, edit())).status).toBe(404);
    expect((await send('PUT', `/${created.body.id}`, announcement())).status).toBe(400);
    // Kept: never deleted.
    const kept = await f.db.query(
      'SELECT withdrawn_at, withdrawn_by_email FROM notifications.announcements WHERE id = $1',
      [created.body.id],
    );
    expect(kept.rows[0]).toMatchObject({ withdrawn_by_email: 'admin@cau.test' });
    // The edit mailed nobody.
    expect(await deliveries()).toBe(mailsBefore);

    const audit = await f.http.send<AuditPage>(
      'GET',
      `/api/v1/audit?targetType=announcement&targetId=${created.body.id}`,
      {
        token: f.adminToken,
      },
    );
    expect(audit.body.items.map((e) => e.action)).toEqual([
      'announcement.withdraw',
      'announcement.update',
      'announcement.create',
    ]);
    expect(audit.body.items.every((e) => e.actor.email === 'admin@cau.test')).toBe(true);
    expect(audit.body.items[1]).toMatchObject({
      before: { title: 'Charla de ciberseguridad' },
      after: { title: 'Charla de ciberseguridad (nuevo horario)' },
    });
  });

  it('leaves out of the mailings whoever turned announcement mails off, and still shows them the announcement', async () => {
    const preferences = (token: string, body?: unknown) =>
      f.http.send<PreferenceListV1 & ErrorBody>(body ? 'PUT' : 'GET', '/api/v1/notifications/preferences', {
        token,
        ...(body ? { json: body } : {}),
      });
    expect((await preferences(educacionRequester)).body).toEqual({ items: [] });
    const off = await preferences(educacionRequester, { eventType: 'announcement.published', enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ email: 'beto@educacion.gob', eventType: 'announcement.published', enabled: false });
    expect((await preferences(educacionRequester)).body).toEqual({
      items: [{ email: 'beto@educacion.gob', eventType: 'announcement.published', enabled: false }],
    });
    // Essential mails stay essential; unknown event types are no preference.
    const essential = await preferences(educacionRequester, { eventType: 'ticket.registered', enabled: false });
    expect([essential.status, essential.body.fields?.[0]?.field]).toEqual([400, 'eventType']);
    expect(
      (await preferences(educacionRequester, { eventType: 'announcement.withdrawn', enabled: false })).status,
    ).toBe(400);

    const bulletin = await send<AnnouncementV1>(
      'POST',
      '',
      announcement({ kind: 'bulletin', title: 'Boletín de diciembre', audience: 'everyone', sendMail: true }),
    );
    expect(bulletin.status).toBe(201);
    const recipients = async () =>
      (
        await f.db.query(
          `SELECT recipient FROM notifications.deliveries WHERE kind = 'announcement' AND subject LIKE $1
           ORDER BY recipient`,
          ['%Boletín de diciembre'],
        )
      ).rows.map((row: { recipient: string }) => row.recipient);
    await waitFor(async () => (await recipients()).length === 2, { what: 'the bulletin mails to be recorded' });
    expect(await recipients()).toEqual(['ana@salud.gob', 'carla@gob.test']);
    expect(await current(educacionRequester)).toContain('Boletín de diciembre');

    // Turned on again: the next one reaches him.
    expect((await preferences(educacionRequester, { eventType: 'announcement.published', enabled: true })).status).toBe(
      200,
    );
    await send('POST', '', announcement({ title: 'Corte de enero', audience: 'everyone', sendMail: true }));
    await waitFor(
      async () =>
        (
          await f.db.query(
            `SELECT count(*)::int AS n FROM notifications.deliveries WHERE recipient = 'beto@educacion.gob'
             AND subject LIKE '%Corte de enero'`,
          )
        ).rows[0].n === 1,
      { what: 'the January mail to Beto' },
    );
  });

  it('answers at once for an audience of thousands and records one mail per requester', async () => {
    // Requesters as notifications copies them from `ticket.registered`, written directly: 3,000 registrations
    // through intake would only slow the test down without testing anything more here.
    await f.db.query(
      `INSERT INTO notifications.tickets
         (ticket_id, number, requester_email, requester_name, title, jurisdiction, registration_event_id, registered_at)
       SELECT gen_random_uuid(), 100000 + n, 'persona' || n || '@masivo.gob', 'Persona ' || n, 'Consulta', 'SALUD',
              gen_random_uuid(), now() - interval '1 day'
       FROM generate_series(1, 3000) AS n`,
    );
    const started = Date.now();
    const created = await send<AnnouncementV1>(
      'POST',
      '',
      announcement({ title: 'Aviso masivo', audience: 'jurisdictions', jurisdictions: ['SALUD'], sendMail: true }),
    );
    expect(created.status).toBe(201);
    // Publishing only writes the announcement and its event; the mails are recorded by the consumer.
    expect(Date.now() - started).toBeLessThan(2_000);
    const recorded = async () =>
      (
        await f.db.query(
          `SELECT count(*)::int AS n, count(DISTINCT recipient)::int AS people FROM notifications.deliveries
           WHERE kind = 'announcement' AND subject LIKE '%Aviso masivo'`,
        )
      ).rows[0] as { n: number; people: number };
    // Ana (SALUD by her latest ticket) and the 3,000.
    await waitFor(async () => (await recorded()).n === 3001, { what: 'the mails of the mass announcement' });
    expect(await recorded()).toEqual({ n: 3001, people: 3001 });
  });
});
