import type { Language } from '@cau/contracts';
import { escapeHtml } from './html.js';
import type { MailTemplate } from './template-language.js';

export interface MailLocale {
  language: Language;
  /** IANA zone the times in the mail are shown in. */
  timeZone: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The tag that threads a conversation to its ticket. It is the same in every language: replies are
 * matched by it, so changing its shape breaks the threading of mails already sent.
 */
export const TICKET_TAG = '[CAU #{{number}}]';

/**
 * What a ticket mail says, top to bottom, as Mustache source: literal words with `{{placeholders}}`.
 * `ticketMailTemplate` lays it out as the subject, text and HTML parts every ticket mail shares.
 */
export interface TicketMailLayout {
  language: Language;
  /** The subject after the ticket tag. */
  subject: string;
  greeting: string;
  /** A paragraph, or one shown only when a placeholder is not empty. */
  paragraphs: Array<string | { when: string; text: string }>;
  /** Label and value pairs (the values are one-line placeholders). */
  fields: Array<[label: string, value: string]>;
  /** Text as people wrote it (a solution, observations): a label and its placeholder. */
  blocks?: Array<{ label: string; placeholder: string }>;
  link: { intro: string; url: string };
  /** Paragraphs after the link (the reply rule). */
  closing?: string[];
}

const SIGNATURE: Record<Language, { signature: string; automatic: string }> = {
  es: { signature: 'Mesa de Servicios del CAU', automatic: 'Este mensaje se envió automáticamente.' },
  en: { signature: 'CAU service desk', automatic: 'This message was sent automatically.' },
};

/** The text part of a built-in mail: its lines, then the signature every mail ends with. */
export function signedText(language: Language, lines: readonly string[]): string {
  const { signature, automatic } = SIGNATURE[language];
  // The conventional signature separator, which mail clients recognise and fold away.
  return [...lines, '-- ', signature, automatic, ''].join('\n');
}

/**
 * The HTML part of a built-in mail: the document around `body` (HTML with Mustache tags), ending with
 * `notes` and the signature in small print. Literal words are escaped here; values when it is rendered.
 */
export function htmlDocument(language: Language, title: string, body: string, notes: readonly string[] = []): string {
  const { signature, automatic } = SIGNATURE[language];
  return `<!DOCTYPE html>
<html lang="${language}">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.5">
${body}
<p style="color:#52606d;font-size:12px">${[...notes, signature, automatic].map(escapeHtml).join('<br>')}</p>
</body>
</html>
`;
}

/** The Mustache tag of a placeholder. */
export const tag = (placeholder: string): string => `{{${placeholder}}}`;

/** Shown only when `placeholder` is not empty; section tags alone on their line leave no blank line. */
const section = (placeholder: string, lines: string[]): string[] => [
  `{{#${placeholder}}}`,
  ...lines,
  `{{/${placeholder}}}`,
];

/**
 * The built-in template of a ticket mail. Literal words are escaped here for the HTML part; the values
 * are escaped when the template is rendered, as in administrators' templates.
 */
export function ticketMailTemplate(layout: TicketMailLayout): MailTemplate {
  const subject = `${TICKET_TAG} ${layout.subject}`;
  const blocks = layout.blocks ?? [];
  const closing = layout.closing ?? [];

  const text = signedText(layout.language, [
    layout.greeting,
    '',
    ...layout.paragraphs.flatMap((paragraph) =>
      typeof paragraph === 'string' ? [paragraph, ''] : section(paragraph.when, [paragraph.text, '']),
    ),
    ...layout.fields.map(([label, value]) => `${label}: ${value}`),
    '',
    ...blocks.flatMap((block) => [`${block.label}:`, tag(block.placeholder), '']),
    `${layout.link.intro}:`,
    layout.link.url,
    '',
    ...closing.flatMap((paragraph) => [paragraph, '']),
  ]);

  const e = escapeHtml;
  const label = 'padding:2px 16px 2px 0;color:#52606d;vertical-align:top';
  const body = `<p>${e(layout.greeting)}</p>
${layout.paragraphs
  .flatMap((paragraph) =>
    typeof paragraph === 'string'
      ? [`<p>${e(paragraph)}</p>`]
      : section(paragraph.when, [`<p>${e(paragraph.text)}</p>`]),
  )
  .join('\n')}
<table role="presentation" style="border-collapse:collapse">
${layout.fields.map(([name, value]) => `<tr><td style="${label}">${e(name)}</td><td>${e(value)}</td></tr>`).join('\n')}
</table>
${blocks
  .map(
    (block) =>
      `<p style="margin-bottom:4px;color:#52606d">${e(block.label)}</p>\n` +
      `<div style="white-space:pre-wrap;border-left:3px solid #cbd2d9;padding-left:12px">${tag(block.placeholder)}</div>`,
  )
  .join('\n')}
<p>${e(layout.link.intro)} <a href="${e(layout.link.url)}">${e(layout.link.url)}</a></p>
${closing.map((paragraph) => `<p>${e(paragraph)}</p>`).join('\n')}`;
  return { subject, text, html: htmlDocument(layout.language, subject, body) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formatters are costly to build (about 1 ms each) and are reused for every mail of a locale and zone. */
export function formatInstant(iso: string, locale: string, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      timeZone,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(iso));
}
