import type { Language, PasswordResetRequestedV1 } from '@cau/contracts';
import { renderLinkMail } from '../templates/link-mail.js';

export interface RenderedPasswordResetMail {
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  subject: string;
  greeting: (name: string) => string;
  intro: string;
  action: string;
  expiry: (until: string) => string;
  ignore: string;
  signature: string;
  automatic: string;
}

const WORDING: Record<Language, Wording> = {
  es: {
    subject: '[CAU] Restablecer su contraseña',
    greeting: (name) => `Hola, ${name}:`,
    intro: 'Se pidió una contraseña nueva para su cuenta del CAU. Para elegirla, abra este enlace:',
    action: 'Elegir una contraseña nueva',
    expiry: (until) => `El enlace vale una sola vez y hasta las ${until}.`,
    ignore: 'Si usted no lo pidió, ignore este correo: su contraseña actual sigue valiendo.',
    signature: 'Mesa de Servicios del CAU',
    automatic: 'Este mensaje se envió automáticamente.',
  },
  en: {
    subject: '[CAU] Reset your password',
    greeting: (name) => `Hello ${name},`,
    intro: 'A new password was requested for your CAU account. To choose it, open this link:',
    action: 'Choose a new password',
    expiry: (until) => `The link works once, until ${until}.`,
    ignore: 'If you did not ask for it, ignore this mail: your current password keeps working.',
    signature: 'CAU service desk',
    automatic: 'This message was sent automatically.',
  },
};

const LOCALE: Record<Language, string> = { es: 'es-AR', en: 'en-GB' };

/** The link is `${portalUrl}/restablecer?token=…`; the expiry is shown in the mail's time zone. */
export function renderPasswordResetMail(
  request: PasswordResetRequestedV1,
  portalUrl: string,
  timeZone: string,
): RenderedPasswordResetMail {
  const w = WORDING[request.language];
  const link = `${portalUrl}/restablecer?token=${encodeURIComponent(request.token)}`;
  const until = new Intl.DateTimeFormat(LOCALE[request.language], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(request.expiresAt));
  return renderLinkMail({
    language: request.language,
    subject: w.subject,
    greeting: w.greeting(request.name),
    intro: w.intro,
    link,
    action: w.action,
    notes: [w.expiry(until), w.ignore],
    signature: w.signature,
    automatic: w.automatic,
  });
}
