import type { Language } from '@cau/contracts';
import { escapeHtml } from '../templates/html.js';
import type { RenderedMail } from '../templates/mail.js';

export interface MailboxAlert {
  /** The mailbox's URL without its password. */
  mailbox: string;
  failures: number;
  error: string;
  since: Date;
}

/** The administrators' mail when a mailbox cannot be read: mail sent to the CAU is waiting there unseen. */
export function renderMailboxAlert(alert: MailboxAlert, language: Language): RenderedMail {
  const since = alert.since.toISOString();
  const lines =
    language === 'en'
      ? {
          subject: `[CAU] Mailbox cannot be read: ${alert.mailbox}`,
          body: [
            `The CAU has failed to read the mailbox ${alert.mailbox} ${alert.failures} times in a row, since ${since}.`,
            `Last error: ${alert.error}`,
            'Mail sent to it is not lost: it stays in the mailbox and is read once the mailbox can be reached again.',
          ],
        }
      : {
          subject: `[CAU] No se puede leer el buzón ${alert.mailbox}`,
          body: [
            `El CAU no pudo leer el buzón ${alert.mailbox} ${alert.failures} veces seguidas, desde ${since}.`,
            `Último error: ${alert.error}`,
            'Los correos enviados a ese buzón no se pierden: quedan en él y se leen cuando vuelva a estar accesible.',
          ],
        };
  return {
    subject: lines.subject,
    text: `${lines.body.join('\n\n')}\n`,
    html: lines.body.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'),
  };
}
