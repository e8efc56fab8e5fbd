import type { Language } from '@cau/contracts';
import { escapeHtml } from '../templates/html.js';
import type { RenderedMail } from '../templates/mail.js';
import { renderTemplate, type MailTemplate } from '../templates/template-language.js';

export interface MailboxAlert {
  /** The mailbox's URL without its password. */
  mailbox: string;
  failures: number;
  error: string;
  since: Date;
}

const WORDING: Record<Language, { subject: string; body: string[] }> = {
  en: {
    subject: '[CAU] Mailbox cannot be read: {{mailbox}}',
    body: [
      'The CAU has failed to read the mailbox {{mailbox}} {{failures}} times in a row, since {{since}}.',
      'Last error: {{error}}',
      'Mail sent to it is not lost: it stays in the mailbox and is read once the mailbox can be reached again.',
    ],
  },
  es: {
    subject: '[CAU] No se puede leer el buzón {{mailbox}}',
    body: [
      'El CAU no pudo leer el buzón {{mailbox}} {{failures}} veces seguidas, desde {{since}}.',
      'Último error: {{error}}',
      'Los correos enviados a ese buzón no se pierden: quedan en él y se leen cuando vuelva a estar accesible.',
    ],
  },
};

/** The built-in alert: `{{mailbox}}`, `{{failures}}`, `{{since}}` and `{{error}}`, in short paragraphs. */
function alertTemplate(language: Language): MailTemplate {
  const { subject, body } = WORDING[language];
  return {
    subject,
    text: `${body.join('\n\n')}\n`,
    html: body.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'),
  };
}

const TEMPLATES: Record<Language, MailTemplate> = { es: alertTemplate('es'), en: alertTemplate('en') };

/** The administrators' mail when a mailbox cannot be read: mail sent to the CAU is waiting there unseen. */
export function renderMailboxAlert(alert: MailboxAlert, language: Language): RenderedMail {
  return renderTemplate(TEMPLATES[language], {
    mailbox: alert.mailbox,
    failures: String(alert.failures),
    since: alert.since.toISOString(),
    error: alert.error,
  });
}
