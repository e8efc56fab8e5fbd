import type { Language, RegistrationRequestedV1 } from '@cau/contracts';
import { renderLinkMail } from '../templates/link-mail.js';

export interface RenderedSelfRegistrationMail {
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  greeting: (name: string) => string;
  verify: {
    subject: string;
    intro: string;
    action: string;
    expiry: (until: string) => string;
    ignore: string;
  };
  existing: {
    subject: string;
    intro: string;
    action: string;
    ignore: string;
  };
  signature: string;
  automatic: string;
}

const WORDING: Record<Language, Wording> = {
  es: {
    greeting: (name) => `Hola, ${name}:`,
    verify: {
      subject: '[CAU] Confirme su correo para crear la cuenta',
      intro: 'Se pidió una cuenta del CAU con esta dirección. Para confirmarla y crear la cuenta, abra este enlace:',
      action: 'Confirmar el correo y crear la cuenta',
      expiry: (until) => `El enlace vale una sola vez y hasta las ${until}.`,
      ignore: 'Si usted no lo pidió, ignore este correo: no se creará ninguna cuenta.',
    },
    existing: {
      subject: '[CAU] Usted ya tiene una cuenta',
      intro:
        'Se pidió una cuenta del CAU con esta dirección, pero ya tiene una. Ingrese con ella; si no recuerda la contraseña, elija una nueva aquí:',
      action: 'Restablecer la contraseña',
      ignore: 'Si usted no lo pidió, ignore este correo: su cuenta no cambió.',
    },
    signature: 'Mesa de Servicios del CAU',
    automatic: 'Este mensaje se envió automáticamente.',
  },
  en: {
    greeting: (name) => `Hello ${name},`,
    verify: {
      subject: '[CAU] Confirm your address to create the account',
      intro: 'A CAU account was requested with this address. To confirm it and create the account, open this link:',
      action: 'Confirm the address and create the account',
      expiry: (until) => `The link works once, until ${until}.`,
      ignore: 'If you did not ask for it, ignore this mail: no account will be created.',
    },
    existing: {
      subject: '[CAU] You already have an account',
      intro:
        'A CAU account was requested with this address, but it already has one. Sign in with it; if you forgot the password, choose a new one here:',
      action: 'Reset the password',
      ignore: 'If you did not ask for it, ignore this mail: your account did not change.',
    },
    signature: 'CAU service desk',
    automatic: 'This message was sent automatically.',
  },
};

const LOCALE: Record<Language, string> = { es: 'es-AR', en: 'en-GB' };

/**
 * The verification link `${portalUrl}/verificar-correo?token=…` with its expiry in the mail's time zone,
 * or, for an address that has an account already, the way to the password reset (`/recuperar`).
 */
export function renderSelfRegistrationMail(
  request: RegistrationRequestedV1,
  portalUrl: string,
  timeZone: string,
): RenderedSelfRegistrationMail {
  const w = WORDING[request.language];
  const verifying = !request.accountExists && request.token !== null && request.expiresAt !== null;
  const link = verifying
    ? `${portalUrl}/verificar-correo?token=${encodeURIComponent(request.token ?? '')}`
    : `${portalUrl}/recuperar`;
  const words = verifying ? w.verify : w.existing;
  const expiry = verifying ? w.verify.expiry(formatUntil(request.expiresAt ?? '', request.language, timeZone)) : null;
  return renderLinkMail({
    language: request.language,
    subject: words.subject,
    greeting: w.greeting(request.name),
    intro: words.intro,
    link,
    action: words.action,
    notes: [...(expiry ? [expiry] : []), words.ignore],
    signature: w.signature,
    automatic: w.automatic,
  });
}

function formatUntil(iso: string, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE[language], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}
