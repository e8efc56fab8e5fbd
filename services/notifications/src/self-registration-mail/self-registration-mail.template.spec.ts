import type { RegistrationRequestedV1 } from '@cau/contracts';
import { renderSelfRegistrationMail } from './self-registration-mail.template.js';

const request: RegistrationRequestedV1 = {
  email: 'ana@cau.test',
  name: 'Ana <Pérez>',
  language: 'es',
  accountExists: false,
  token: `${'a'.repeat(43)}.${'b'.repeat(43)}`,
  expiresAt: '2026-12-04T16:00:00.000Z',
};

describe('the registration mail', () => {
  it('carries the verification link with the token, in Spanish, and when it expires', () => {
    const mail = renderSelfRegistrationMail(request, 'https://cau.gob', 'America/Argentina/Buenos_Aires');
    expect(mail.subject).toBe('[CAU] Confirme su correo para crear la cuenta');
    expect(mail.text).toContain(`https://cau.gob/verificar-correo?token=${request.token}`);
    expect(mail.text).toContain('Hola, Ana <Pérez>:');
    expect(mail.text).toMatch(/vale una sola vez y hasta las .*13:00/);
    expect(mail.html).toContain(`href="https://cau.gob/verificar-correo?token=${request.token}"`);
    expect(mail.html).toContain('Ana &lt;Pérez&gt;');
  });

  it('tells an address that has an account to sign in or reset the password, with no token', () => {
    const mail = renderSelfRegistrationMail(
      { ...request, language: 'en', accountExists: true, token: null, expiresAt: null },
      'https://cau.gob',
      'UTC',
    );
    expect(mail.subject).toBe('[CAU] You already have an account');
    expect(mail.text).toContain('https://cau.gob/recuperar');
    expect(mail.text).not.toContain('verificar-correo');
    expect(mail.html).toContain('href="https://cau.gob/recuperar"');
  });
});
