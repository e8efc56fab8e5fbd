import type { Language, RegistrationRequestedV1 } from '@cau/contracts';
import { formatShortInstant, linkMailTemplate } from '../templates/link-mail.js';
import type { RenderedMail } from '../templates/mail.js';
import { renderTemplate, type MailTemplate } from '../templates/template-language.js';

/**
 * The built-in registration mails: `verify` confirms the address (`{{name}}`, `{{link}}`, `{{until}}`),
 * `existing` tells an address that has an account how to get into it (`{{name}}`, `{{link}}`).
 */
const TEMPLATES: Record<Language, { verify: MailTemplate; existing: MailTemplate }> = {
  es: {
    verify: linkMailTemplate({
      language: 'es',
      subject: '[CAU] Confirme su correo para crear la cuenta',
      greeting: 'Hola, {{name}}:',
      intro: 'Se pidió una cuenta del CAU con esta dirección. Para confirmarla y crear la cuenta, abra este enlace:',
      link: '{{link}}',
      action: 'Confirmar el correo y crear la cuenta',
      notes: [
        'El enlace vale una sola vez y hasta las {{until}}.',
        'Si usted no lo pidió, ignore este correo: no se creará ninguna cuenta.',
      ],
    }),
    existing: linkMailTemplate({
      language: 'es',
      subject: '[CAU] Usted ya tiene una cuenta',
      greeting: 'Hola, {{name}}:',
      intro:
        'Se pidió una cuenta del CAU con esta dirección, pero ya tiene una. Ingrese con ella; si no recuerda la contraseña, elija una nueva aquí:',
      link: '{{link}}',
      action: 'Restablecer la contraseña',
      notes: ['Si usted no lo pidió, ignore este correo: su cuenta no cambió.'],
    }),
  },
  en: {
    verify: linkMailTemplate({
      language: 'en',
      subject: '[CAU] Confirm your address to create the account',
      greeting: 'Hello {{name}},',
      intro: 'A CAU account was requested with this address. To confirm it and create the account, open this link:',
      link: '{{link}}',
      action: 'Confirm the address and create the account',
      notes: [
        'The link works once, until {{until}}.',
        'If you did not ask for it, ignore this mail: no account will be created.',
      ],
    }),
    existing: linkMailTemplate({
      language: 'en',
      subject: '[CAU] You already have an account',
      greeting: 'Hello {{name}},',
      intro:
        'A CAU account was requested with this address, but it already has one. Sign in with it; if you forgot the password, choose a new one here:',
      link: '{{link}}',
      action: 'Reset the password',
      notes: ['If you did not ask for it, ignore this mail: your account did not change.'],
    }),
  },
};

/**
 * The verification link `${portalUrl}/verificar-correo?token=…` with its expiry in the mail's time zone,
 * or, for an address that has an account already, the way to the password reset (`/recuperar`).
 */
export function renderSelfRegistrationMail(
  request: RegistrationRequestedV1,
  portalUrl: string,
  timeZone: string,
): RenderedMail {
  const templates = TEMPLATES[request.language];
  if (!request.accountExists && request.token !== null && request.expiresAt !== null) {
    return renderTemplate(templates.verify, {
      name: request.name,
      link: `${portalUrl}/verificar-correo?token=${encodeURIComponent(request.token)}`,
      until: formatShortInstant(request.expiresAt, request.language, timeZone),
    });
  }
  return renderTemplate(templates.existing, { name: request.name, link: `${portalUrl}/recuperar` });
}
