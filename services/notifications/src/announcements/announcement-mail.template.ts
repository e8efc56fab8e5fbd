import type { AnnouncementKind, AnnouncementPublishedV1, Language } from '@cau/contracts';
import { escapeHtml, oneLine } from '../templates/html.js';

export interface RenderedAnnouncementMail {
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  kind: Record<AnnouncementKind, string>;
  greeting: (name: string) => string;
  validity: (from: string, until: string | null) => string;
  portal: string;
  why: string;
  signature: string;
  automatic: string;
}

const WORDING: Record<Language, Wording> = {
  es: {
    kind: {
      'security-alert': 'Alerta de seguridad',
      'planned-outage': 'Corte programado',
      bulletin: 'Boletín',
    },
    greeting: (name) => `Hola, ${name}:`,
    validity: (from, until) => (until ? `Vigente desde el ${from} hasta el ${until}.` : `Vigente desde el ${from}.`),
    portal: 'También puede leerlo en el portal del CAU:',
    why: 'Recibe este comunicado porque tiene solicitudes en la Mesa de Servicios.',
    signature: 'Mesa de Servicios del CAU',
    automatic: 'Este mensaje se envió automáticamente.',
  },
  en: {
    kind: {
      'security-alert': 'Security alert',
      'planned-outage': 'Planned outage',
      bulletin: 'Bulletin',
    },
    greeting: (name) => `Hello ${name},`,
    validity: (from, until) => (until ? `Valid from ${from} until ${until}.` : `Valid from ${from}.`),
    portal: 'You can also read it in the CAU portal:',
    why: 'You receive this announcement because you have requests with the service desk.',
    signature: 'CAU service desk',
    automatic: 'This message was sent automatically.',
  },
};

const LOCALE: Record<Language, string> = { es: 'es-AR', en: 'en-GB' };

/**
 * An announcement as a mail, in the language it was written in: `[CAU] <kind>: <title>`, the body as
 * written (its light markdown reads as plain text; in HTML it is escaped, line breaks kept), the
 * validity window in the mail's time zone and the portal's link. Never HTML from the author.
 */
export function renderAnnouncementMail(
  announcement: Pick<AnnouncementPublishedV1, 'kind' | 'title' | 'body' | 'language' | 'validFrom' | 'validUntil'>,
  recipientName: string,
  portalUrl: string,
  timeZone: string,
): RenderedAnnouncementMail {
  const w = WORDING[announcement.language];
  const subject = `[CAU] ${w.kind[announcement.kind]}: ${oneLine(announcement.title)}`;
  const format = (iso: string): string => formatTime(iso, announcement.language, timeZone);
  const validity = w.validity(
    format(announcement.validFrom),
    announcement.validUntil ? format(announcement.validUntil) : null,
  );
  const link = `${portalUrl}/`;
  const greeting = w.greeting(oneLine(recipientName));
  const body = announcement.body.replace(/\r\n?/g, '\n').trim();
  const text = [
    greeting,
    '',
    oneLine(announcement.title),
    '',
    body,
    '',
    validity,
    '',
    w.portal,
    link,
    '',
    w.why,
    '',
    '-- ',
    w.signature,
    w.automatic,
    '',
  ].join('\n');
  const e = escapeHtml;
  const alert = announcement.kind === 'security-alert';
  const html = `<!DOCTYPE html>
<html lang="${e(announcement.language)}">
<head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.5">
<p>${e(greeting)}</p>
<p style="margin-bottom:4px;color:${alert ? '#b42318' : '#52606d'};font-weight:bold">${e(w.kind[announcement.kind])}</p>
<h1 style="font-size:20px;margin-top:0">${e(oneLine(announcement.title))}</h1>
<div style="white-space:pre-wrap;border-left:3px solid ${alert ? '#b42318' : '#cbd2d9'};padding-left:12px">${e(body)}</div>
<p>${e(validity)}</p>
<p>${e(w.portal)} <a href="${e(link)}">${e(link)}</a></p>
<p style="color:#52606d;font-size:12px">${e(w.why)}<br>${e(w.signature)}<br>${e(w.automatic)}</p>
</body>
</html>
`;
  return { subject, text, html };
}

/** One formatter per language and zone: the mail is rendered once per recipient, thousands at a time. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatTime(iso: string, language: Language, timeZone: string): string {
  const key = `${language}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE[language], {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
      timeZoneName: 'short',
    });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(iso));
}
