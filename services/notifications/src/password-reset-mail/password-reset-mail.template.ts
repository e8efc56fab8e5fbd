import type { Language, PasswordResetRequestedV1 } from '@cau/contracts';
import { formatShortInstant, linkMailTemplate } from '../templates/link-mail.js';
import type { RenderedMail } from '../templates/mail.js';
import { renderTemplate, type MailTemplate } from '../templates/template-language.js';

/** The built-in password reset mail: `{{name}}`, `{{link}}` and `{{until}}`, the expiry. */
const TEMPLATES: Record<Language, MailTemplate> = {
  es: linkMailTemplate({
    language: 'es',
    subject: '[CAU] Restablecer su contraseña',
    greeting: 'Hola, {{name}}:',
    intro: 'Se pidió una contraseña nueva para su cuenta del CAU. Para elegirla, abra este enlace:',
    link: '{{link}}',
    action: 'Elegir una contraseña nueva',
    notes: [
      'El enlace vale una sola vez y hasta las {{until}}.',
      'Si usted no lo pidió, ignore este correo: su contraseña actual sigue valiendo.',
    ],
  }),
  en: linkMailTemplate({
    language: 'en',
    subject: '[CAU] Reset your password',
    greeting: 'Hello {{name}},',
    intro: 'A new password was requested for your CAU account. To choose it, open this link:',
    link: '{{link}}',
    action: 'Choose a new password',
    notes: [
      'The link works once, until {{until}}.',
      'If you did not ask for it, ignore this mail: your current password keeps working.',
    ],
  }),
};

/** The link is `${portalUrl}/restablecer?token=…`; the expiry is shown in the mail's time zone. */
export function renderPasswordResetMail(
  request: PasswordResetRequestedV1,
  portalUrl: string,
  timeZone: string,
): RenderedMail {
  return renderTemplate(TEMPLATES[request.language], {
    name: request.name,
    link: `${portalUrl}/restablecer?token=${encodeURIComponent(request.token)}`,
    until: formatShortInstant(request.expiresAt, request.language, timeZone),
  });
}
