import type { PasswordResetRequestedV1 } from '@cau/contracts';
import { renderPasswordResetMail } from './password-reset-mail.template.js';

const request: PasswordResetRequestedV1 = {
  accountId: '7d3f3f9c-6a7e-4c1b-9d55-2c7e0f1a2b3c',
  email: 'ana@cau.test',
  name: 'Ana <Pérez>',
  language: 'es',
  token: `${'a'.repeat(43)}.${'b'.repeat(43)}`,
  expiresAt: '2026-12-04T16:00:00.000Z',
};

describe('the password reset mail', () => {
  it('carries the portal link with the token, in Spanish, and when it expires', () => {
    const mail = renderPasswordResetMail(request, 'https://cau.gob', 'America/Argentina/Buenos_Aires');
    expect(mail.subject).toBe('[CAU] Restablecer su contraseña');
    expect(mail.text).toContain(`https://cau.gob/restablecer?token=${request.token}`);
    expect(mail.text).toContain('Hola, Ana <Pérez>:');
    expect(mail.text).toMatch(/vale una sola vez y hasta las .*13:00/);
    expect(mail.html).toContain(`href="https://cau.gob/restablecer?token=${request.token}"`);
    expect(mail.html).toContain('Ana &lt;Pérez&gt;');
  });

  it('speaks English to an English account', () => {
    const mail = renderPasswordResetMail({ ...request, language: 'en' }, 'https://cau.gob', 'UTC');
    expect(mail.subject).toBe('[CAU] Reset your password');
    expect(mail.text).toContain('The link works once, until');
    expect(mail.text).toContain('16:00');
  });
});
