import { notificationsConfigFromEnv } from './notifications-config.js';

const limits = { databasePoolSize: 10 };
const SECRET = 'survey-secret-survey-secret-0123456789';
const read = (env: Record<string, string>) =>
  notificationsConfigFromEnv({ SURVEY_LINK_SECRET: SECRET, ...env }, limits);

describe('notifications configuration', () => {
  it('has working defaults for a development machine', () => {
    const config = read({ MAIL_TIME_ZONE: 'UTC' });
    expect(config.smtp).toMatchObject({ host: '127.0.0.1', port: 2525, secure: false, auth: null });
    expect(config.from).toEqual({ name: 'CAU Mesa de Servicios', address: 'cau@localhost' });
    expect(config.messageIdDomain).toBe('localhost');
    expect(config.portalUrl).toBe('http://127.0.0.1:3000');
    expect(config.language).toBe('es');
    expect(config.sendConcurrency).toBe(4);
    expect(config.sendBatchSize).toBe(10);
    expect(config.retry).toEqual({ baseMs: 5_000, maxMs: 600_000 });
    expect(config.surveyLink).toEqual({ secret: SECRET, ttlSeconds: 30 * 24 * 3600 });
  });

  it('requires a survey link secret of 32 characters or more and reads the link validity', () => {
    expect(() => read({ SURVEY_LINK_SECRET: '' })).toThrow('SURVEY_LINK_SECRET is required');
    expect(() => read({ SURVEY_LINK_SECRET: 'short' })).toThrow('SURVEY_LINK_SECRET must be at least 32 characters');
    expect(read({ SURVEY_LINK_TTL_SECONDS: '60' }).surveyLink.ttlSeconds).toBe(60);
    expect(() => read({ SURVEY_LINK_TTL_SECONDS: '0' })).toThrow('SURVEY_LINK_TTL_SECONDS');
  });

  it('reads credentials and TLS from the SMTP URL and keeps the password out of the display URL', () => {
    const config = read({ SMTP_URL: 'smtps://mesa%40cau.gob:s%3Acr%2Ft@mail.cau.gob' });
    expect(config.smtp).toMatchObject({
      host: 'mail.cau.gob',
      port: 465,
      secure: true,
      auth: { user: 'mesa@cau.gob', pass: 's:cr/t' },
    });
    expect(config.smtp.displayUrl).not.toContain('s%3Acr');
    expect(read({ SMTP_URL: 'smtp://mail.cau.gob' }).smtp.port).toBe(25);
    expect(read({ SMTP_URL: 'smtp://[::1]:2525' }).smtp.host).toBe('::1');
  });

  it('takes the Message-ID domain from MAIL_FROM unless it is set', () => {
    expect(read({ MAIL_FROM: 'Mesa <mesa@cau.lapampa.gob.ar>' }).messageIdDomain).toBe('cau.lapampa.gob.ar');
    expect(read({ MAIL_FROM: 'mesa@cau.gob', MAIL_MESSAGE_ID_DOMAIN: 'mail.cau.gob' }).messageIdDomain).toBe(
      'mail.cau.gob',
    );
  });

  it('reads the area mailboxes and the supervisors, none by default', () => {
    expect(read({}).areaMailboxes.size).toBe(0);
    expect(read({}).supervisorEmails).toEqual([]);
    const config = read({
      AREA_MAILBOXES: ' UIT=UIT@agetic.gob.bo, ADT=adt@agetic.gob.bo,L1=mesa@agetic.gob.bo ',
      SUPERVISOR_EMAILS: 'Susana@agetic.gob.bo, jefe@agetic.gob.bo,susana@agetic.gob.bo',
    });
    expect([...config.areaMailboxes]).toEqual([
      ['UIT', 'uit@agetic.gob.bo'],
      ['ADT', 'adt@agetic.gob.bo'],
      ['L1', 'mesa@agetic.gob.bo'],
    ]);
    expect(config.supervisorEmails).toEqual(['susana@agetic.gob.bo', 'jefe@agetic.gob.bo']);
  });

  it('reads the referente of each jurisdiction, none by default', () => {
    expect(read({}).jurisdictionReferentes.size).toBe(0);
    const config = read({ JURISDICTION_REFERENTES: 'SALUD=Ref.Salud@salud.gob.ar, min.edu=ti@edu.gob.ar' });
    expect([...config.jurisdictionReferentes]).toEqual([
      ['SALUD', 'ref.salud@salud.gob.ar'],
      ['min.edu', 'ti@edu.gob.ar'],
    ]);
  });

  it('drops a trailing slash from the portal URL', () => {
    expect(read({ PORTAL_URL: 'https://cau.gob/portal/' }).portalUrl).toBe('https://cau.gob/portal');
  });

  it.each([
    [{ SMTP_URL: 'http://mail.cau.gob' }, /SMTP_URL/],
    [{ SMTP_URL: 'not a url' }, /SMTP_URL/],
    [{ SMTP_URL: 'smtp://u:secret@mail.cau.gob/path' }, /SMTP_URL.*u:\*\*\*@/],
    [{ MAIL_FROM: 'nobody' }, /MAIL_FROM/],
    [{ MAIL_FROM: 'a@b.gob, c@d.gob' }, /MAIL_FROM/],
    [{ MAIL_MESSAGE_ID_DOMAIN: 'bad domain' }, /MAIL_MESSAGE_ID_DOMAIN/],
    [{ PORTAL_URL: 'ftp://cau.gob' }, /PORTAL_URL/],
    [{ MAIL_LANGUAGE: 'fr' }, /MAIL_LANGUAGE must be one of es, en/],
    [{ MAIL_TIME_ZONE: 'Mars/Base' }, /MAIL_TIME_ZONE/],
    [{ MAIL_SEND_CONCURRENCY: '0' }, /MAIL_SEND_CONCURRENCY must be a positive integer/],
    [{ MAIL_SEND_CONCURRENCY: '10' }, /smaller than DATABASE_POOL_SIZE \(10\)/],
    [{ MAIL_SEND_BATCH: '0' }, /MAIL_SEND_BATCH must be a positive integer/],
    [{ MAIL_RETRY_BASE_MS: '1.5' }, /MAIL_RETRY_BASE_MS/],
    [{ MAIL_RETRY_BASE_MS: '5000', MAIL_RETRY_MAX_MS: '1000' }, /MAIL_RETRY_MAX_MS/],
    [{ AREA_MAILBOXES: 'UIT' }, /AREA_MAILBOXES/],
    [{ AREA_MAILBOXES: 'uit=uit@agetic.gob.bo' }, /AREA_MAILBOXES/],
    [{ AREA_MAILBOXES: 'UIT=not-an-address' }, /AREA_MAILBOXES/],
    [{ AREA_MAILBOXES: 'UIT=a@b.gob,UIT=c@d.gob' }, /AREA_MAILBOXES names area UIT twice/],
    [{ SUPERVISOR_EMAILS: 'a@b.gob; c@d.gob' }, /SUPERVISOR_EMAILS/],
    [{ JURISDICTION_REFERENTES: 'SALUD' }, /JURISDICTION_REFERENTES must look like/],
    [{ JURISDICTION_REFERENTES: '-SALUD=a@b.gob' }, /JURISDICTION_REFERENTES/],
    [{ JURISDICTION_REFERENTES: 'SALUD=a@b.gob,SALUD=c@d.gob' }, /names jurisdiction SALUD twice/],
  ])('refuses %p with a message naming the setting', (env, message) => {
    expect(() => read(env)).toThrow(message);
  });

  it('never shows the SMTP password in an error', () => {
    expect(() => read({ SMTP_URL: 'smtp://u:topsecret@mail.cau.gob/x' })).toThrow(/^(?!.*topsecret)/);
  });
});
