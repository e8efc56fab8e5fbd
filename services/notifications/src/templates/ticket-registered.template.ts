import type { Language } from '@cau/contracts';
import { escapeHtml, oneLine } from './html.js';
import { formatInstant, ticketTag, type MailLocale, type RenderedMail } from './mail.js';

export { ticketTag, type MailLocale, type RenderedMail } from './mail.js';

export interface TicketRegisteredMailData {
  requesterName: string;
  number: number;
  title: string;
  /** ISO 8601 instant the ticket was registered. */
  registeredAt: string;
  /** Portal base URL without a trailing slash. */
  portalUrl: string;
}

interface Copy {
  locale: string;
  subject(tag: string, title: string): string;
  greeting(name: string): string;
  intro: string;
  numberLabel: string;
  titleLabel: string;
  registeredAtLabel: string;
  followIntro: string;
  /** The reply instruction, around the ticket tag. */
  replyBefore: string;
  replyAfter: string;
  signature: string;
  automatic: string;
}

const COPY: Record<Language, Copy> = {
  es: {
    locale: 'es',
    subject: (tag, title) => `${tag} Registramos su solicitud: ${title}`,
    greeting: (name) => `Hola, ${name}:`,
    intro: 'Registramos su solicitud en la Mesa de Servicios del CAU.',
    numberLabel: 'Número de ticket',
    titleLabel: 'Título',
    registeredAtLabel: 'Fecha y hora de registro',
    followIntro: 'Para seguir su solicitud, ingrese a',
    replyBefore: 'Si desea agregar información, responda a este correo conservando',
    replyAfter: 'en el asunto.',
    signature: 'Mesa de Servicios del CAU',
    automatic: 'Este mensaje se envió automáticamente.',
  },
  en: {
    locale: 'en',
    subject: (tag, title) => `${tag} We registered your request: ${title}`,
    greeting: (name) => `Hello, ${name}:`,
    intro: 'We have registered your request with the CAU service desk.',
    numberLabel: 'Ticket number',
    titleLabel: 'Title',
    registeredAtLabel: 'Registered on',
    followIntro: 'To follow your request, go to',
    replyBefore: 'To add information, reply to this e-mail keeping',
    replyAfter: 'in the subject.',
    signature: 'CAU service desk',
    automatic: 'This message was sent automatically.',
  },
};

/** The e-mail that gives the requester their ticket number (docs/domain.md § Registration). */
export function renderTicketRegisteredMail(data: TicketRegisteredMailData, locale: MailLocale): RenderedMail {
  const copy = COPY[locale.language];
  const tag = ticketTag(data.number);
  const title = oneLine(data.title);
  const name = oneLine(data.requesterName);
  const number = `#${data.number}`;
  const registeredAt = formatInstant(data.registeredAt, copy.locale, locale.timeZone);
  const link = `${data.portalUrl}/tickets/${data.number}`;

  const text = [
    copy.greeting(name),
    '',
    copy.intro,
    '',
    `${copy.numberLabel}: ${number}`,
    '',
    `${copy.titleLabel}: ${title}`,
    `${copy.registeredAtLabel}: ${registeredAt}`,
    '',
    `${copy.followIntro}:`,
    link,
    '',
    `${copy.replyBefore} ${tag} ${copy.replyAfter}`,
    '',
    // The conventional signature separator, which mail clients recognise and fold away.
    '-- ',
    copy.signature,
    copy.automatic,
    '',
  ].join('\n');

  const e = escapeHtml;
  const label = 'padding:2px 16px 2px 0;color:#52606d;vertical-align:top';
  const html = `<!DOCTYPE html>
<html lang="${e(locale.language)}">
<head><meta charset="utf-8"><title>${e(copy.subject(tag, title))}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.5">
<p>${e(copy.greeting(name))}</p>
<p>${e(copy.intro)}</p>
<p style="font-size:22px;font-weight:bold;margin:20px 0">${e(copy.numberLabel)}: ${e(number)}</p>
<table role="presentation" style="border-collapse:collapse">
<tr><td style="${label}">${e(copy.titleLabel)}</td><td>${e(title)}</td></tr>
<tr><td style="${label}">${e(copy.registeredAtLabel)}</td><td>${e(registeredAt)}</td></tr>
</table>
<p>${e(copy.followIntro)} <a href="${e(link)}">${e(link)}</a></p>
<p>${e(copy.replyBefore)} <strong>${e(tag)}</strong> ${e(copy.replyAfter)}</p>
<p style="color:#52606d;font-size:12px">${e(copy.signature)}<br>${e(copy.automatic)}</p>
</body>
</html>
`;

  return { subject: copy.subject(tag, title), text, html };
}
