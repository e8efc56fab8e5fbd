import type { AnnouncementKind, AnnouncementPublishedV1, Language } from '@cau/contracts';
import { escapeHtml, normalizeBlock, oneLine } from '../templates/html.js';
import { formatShortInstant } from '../templates/link-mail.js';
import { htmlDocument, signedText, type RenderedMail } from '../templates/mail.js';
import { renderTemplate, type MailTemplate } from '../templates/template-language.js';

interface Wording {
  kind: Record<AnnouncementKind, string>;
  greeting: string;
  /** `{{until}}` is empty for an announcement without an end. */
  validity: string;
  portal: string;
  why: string;
}

const WORDING: Record<Language, Wording> = {
  es: {
    kind: {
      'security-alert': 'Alerta de seguridad',
      'planned-outage': 'Corte programado',
      bulletin: 'Boletín',
    },
    greeting: 'Hola, {{name}}:',
    validity: 'Vigente desde el {{from}}{{#until}} hasta el {{until}}{{/until}}.',
    portal: 'También puede leerlo en el portal del CAU:',
    why: 'Recibe este comunicado porque tiene solicitudes en la Mesa de Servicios.',
  },
  en: {
    kind: {
      'security-alert': 'Security alert',
      'planned-outage': 'Planned outage',
      bulletin: 'Bulletin',
    },
    greeting: 'Hello {{name}},',
    validity: 'Valid from {{from}}{{#until}} until {{until}}{{/until}}.',
    portal: 'You can also read it in the CAU portal:',
    why: 'You receive this announcement because you have requests with the service desk.',
  },
};

/**
 * The built-in announcement mail: `{{kind}}` (its name), `{{title}}`, `{{body}}` as written, the
 * validity window and `{{portalUrl}}`; `{{alert}}` is not empty for a security alert, drawn in red.
 */
function announcementTemplate(language: Language): MailTemplate {
  const w = WORDING[language];
  const subject = '[CAU] {{kind}}: {{title}}';
  const text = signedText(language, [
    w.greeting,
    '',
    '{{title}}',
    '',
    '{{body}}',
    '',
    w.validity,
    '',
    w.portal,
    '{{portalUrl}}',
    '',
    w.why,
    '',
  ]);
  const e = escapeHtml;
  const color = (alert: string, usual: string) => `{{#alert}}${alert}{{/alert}}{{^alert}}${usual}{{/alert}}`;
  const body = `<p>${e(w.greeting)}</p>
<p style="margin-bottom:4px;color:${color('#b42318', '#52606d')};font-weight:bold">{{kind}}</p>
<h1 style="font-size:20px;margin-top:0">{{title}}</h1>
<div style="white-space:pre-wrap;border-left:3px solid ${color('#b42318', '#cbd2d9')};padding-left:12px">{{body}}</div>
<p>${e(w.validity)}</p>
<p>${e(w.portal)} <a href="{{portalUrl}}">{{portalUrl}}</a></p>`;
  return { subject, text, html: htmlDocument(language, subject, body, [w.why]) };
}

const TEMPLATES: Record<Language, MailTemplate> = { es: announcementTemplate('es'), en: announcementTemplate('en') };

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
): RenderedMail {
  const format = (iso: string): string => formatShortInstant(iso, announcement.language, timeZone);
  return renderTemplate(TEMPLATES[announcement.language], {
    name: oneLine(recipientName),
    kind: WORDING[announcement.language].kind[announcement.kind],
    alert: announcement.kind === 'security-alert' ? 'alert' : '',
    title: oneLine(announcement.title),
    body: normalizeBlock(announcement.body),
    from: format(announcement.validFrom),
    until: announcement.validUntil ? format(announcement.validUntil) : '',
    portalUrl: `${portalUrl}/`,
  });
}
