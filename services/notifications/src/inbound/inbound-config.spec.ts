import { inboundConfigFromEnv, jurisdictionOf } from './inbound-config.js';

describe('inbound configuration', () => {
  it('is off by default: no mailbox, no SMTP port', () => {
    const config = inboundConfigFromEnv({});
    expect(config.imapMailboxes).toEqual([]);
    expect(config.smtp).toBeNull();
    expect(config.adminEmails).toEqual([]);
    expect(config.defaultJurisdiction).toBe('CORREO');
  });

  it('reads mailboxes as a URL list or a JSON array, keeping passwords out of their names', () => {
    const list = inboundConfigFromEnv({
      INBOUND_IMAP_MAILBOXES:
        'imaps://mesa%40cau.gob:s%3Acr%2Ft@mail.cau.gob, imap://soporte:x@10.0.0.5:1143/Soporte%20CAU?moveTo=Procesados',
    }).imapMailboxes;
    expect(list).toEqual([
      expect.objectContaining({
        host: 'mail.cau.gob',
        port: 993,
        secure: true,
        user: 'mesa@cau.gob',
        password: 's:cr/t',
      }),
      expect.objectContaining({ port: 1143, secure: false, mailbox: 'Soporte CAU', moveTo: 'Procesados' }),
    ]);
    expect(list[0]!.mailbox).toBe('INBOX');
    expect(list[0]!.displayUrl).not.toContain('s%3Acr');
    const json = inboundConfigFromEnv({ INBOUND_IMAP_MAILBOXES: '["imap://a:b@127.0.0.1:1143"]' }).imapMailboxes;
    expect(json).toHaveLength(1);
  });

  it('opens the SMTP path only when a port is given', () => {
    expect(inboundConfigFromEnv({ INBOUND_SMTP_PORT: '2526' }).smtp).toEqual({ host: '127.0.0.1', port: 2526 });
    expect(inboundConfigFromEnv({ INBOUND_SMTP_PORT: '0', INBOUND_SMTP_HOST: '0.0.0.0' }).smtp).toEqual({
      host: '0.0.0.0',
      port: 0,
    });
  });

  it.each([
    [{ INBOUND_IMAP_MAILBOXES: 'pop3://a:b@mail' }, /INBOUND_IMAP_MAILBOXES/],
    [{ INBOUND_IMAP_MAILBOXES: 'imap://mail.cau.gob' }, /INBOUND_IMAP_MAILBOXES/],
    [{ INBOUND_IMAP_MAILBOXES: 'imap://u:topsecret@mail?folder=x' }, /unknown parameter folder/],
    [{ INBOUND_IMAP_MAILBOXES: '[1]' }, /array of imap/],
    [{ INBOUND_IMAP_MAILBOXES: '[nope' }, /not valid JSON/],
    [{ INBOUND_IMAP_MAILBOXES: 'imap://a:b@m,imap://a:c@m' }, /twice/],
    [{ INBOUND_SMTP_PORT: 'x' }, /INBOUND_SMTP_PORT/],
    [{ INBOUND_POLL_INTERVAL_MS: '-1' }, /INBOUND_POLL_INTERVAL_MS/],
    [{ INBOUND_MAX_ATTACHMENT_BYTES: '1.5' }, /INBOUND_MAX_ATTACHMENT_BYTES/],
    [{ ADMIN_EMAILS: 'root' }, /ADMIN_EMAILS/],
    [{ INBOUND_JURISDICTIONS: 'salud=SALUD' }, /INBOUND_JURISDICTIONS/],
    [{ INBOUND_DEFAULT_JURISDICTION: 'no vale' }, /INBOUND_DEFAULT_JURISDICTION/],
  ])('refuses %p naming the setting', (env, message) => {
    expect(() => inboundConfigFromEnv(env)).toThrow(message);
  });

  it('never shows a mailbox password in an error', () => {
    expect(() => inboundConfigFromEnv({ INBOUND_IMAP_MAILBOXES: 'imap://u:topsecret@mail?x=1' })).toThrow(
      /^(?!.*topsecret)/,
    );
  });
});

describe('jurisdictionOf', () => {
  const config = inboundConfigFromEnv({ INBOUND_JURISDICTIONS: 'salud.gob.ar=SALUD,gob.ar=PROVINCIA' });
  it('takes the most specific domain, then the default', () => {
    expect(jurisdictionOf('ana@Salud.gob.ar', config)).toBe('SALUD');
    expect(jurisdictionOf('ana@hospital.salud.gob.ar', config)).toBe('SALUD');
    expect(jurisdictionOf('luis@educacion.gob.ar', config)).toBe('PROVINCIA');
    expect(jurisdictionOf('x@gmail.com', config)).toBe('CORREO');
  });
});
