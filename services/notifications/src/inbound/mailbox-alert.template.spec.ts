import { renderMailboxAlert } from './mailbox-alert.template.js';

const alert = {
  mailbox: 'imaps://mesa@mail.cau.gob/INBOX',
  failures: 3,
  error: 'AUTHENTICATIONFAILED <b>',
  since: new Date('2026-03-02T12:00:00Z'),
};

describe('mailbox alert', () => {
  it('names the mailbox, the failures and the last error, in Spanish by default', () => {
    const mail = renderMailboxAlert(alert, 'es');
    expect(mail.subject).toBe('[CAU] No se puede leer el buzón imaps://mesa@mail.cau.gob/INBOX');
    expect(mail.text).toContain('3 veces seguidas, desde 2026-03-02T12:00:00.000Z');
    expect(mail.text).toContain('Último error: AUTHENTICATIONFAILED <b>');
  });

  it('is in English when asked, and escapes what the server said in the HTML part', () => {
    const mail = renderMailboxAlert(alert, 'en');
    expect(mail.subject).toBe('[CAU] Mailbox cannot be read: imaps://mesa@mail.cau.gob/INBOX');
    expect(mail.html).toContain('Last error: AUTHENTICATIONFAILED &lt;b&gt;');
    expect(mail.html).not.toContain('<b>');
  });
});
