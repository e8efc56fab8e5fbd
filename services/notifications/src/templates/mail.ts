import type { Language } from '@cau/contracts';
import { escapeHtml, oneLine } from './html.js';

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
export function ticketTag(number: number): string {
  return `[CAU #${number}]`;
}

/** What a mail says, top to bottom; `renderMail` turns it into the text and HTML parts. */
export interface MailContent {
  language: Language;
  number: number;
  /** The subject after the ticket tag (user text in it is put on one line). */
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Label and value pairs; values are put on one line. */
  fields: Array<[label: string, value: string]>;
  /** Text as people wrote it (a solution, observations), line breaks kept. */
  blocks?: Array<{ label: string; text: string }>;
  link: { intro: string; url: string };
  /** Paragraphs after the link (the reply rule). */
  closing?: string[];
}

const SIGNATURE: Record<Language, { signature: string; automatic: string }> = {
  es: { signature: 'Mesa de Servicios del CAU', automatic: 'Este mensaje se envió automáticamente.' },
  en: { signature: 'CAU service desk', automatic: 'This message was sent automatically.' },
};

/** The layout every ticket mail shares; the subject always starts with the ticket tag. */
export function renderMail(content: MailContent): RenderedMail {
  const { signature, automatic } = SIGNATURE[content.language];
  const subject = `${ticketTag(content.number)} ${oneLine(content.subject)}`;
  const fields = content.fields.map(([label, value]) => [label, oneLine(value)] as const);
  const blocks = (content.blocks ?? []).map((block) => ({ label: block.label, text: normalizeBlock(block.text) }));
  const closing = content.closing ?? [];

  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...fields.map(([label, value]) => `${label}: ${value}`),
    '',
    ...blocks.flatMap((block) => [`${block.label}:`, block.text, '']),
    `${content.link.intro}:`,
    content.link.url,
    '',
    ...closing.flatMap((paragraph) => [paragraph, '']),
    // The conventional signature separator, which mail clients recognise and fold away.
    '-- ',
    signature,
    automatic,
    '',
  ].join('\n');

  const e = escapeHtml;
  const label = 'padding:2px 16px 2px 0;color:#52606d;vertical-align:top';
  const html = `<!DOCTYPE html>
<html lang="${e(content.language)}">
<head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.5">
<p>${e(content.greeting)}</p>
${content.paragraphs.map((paragraph) => `<p>${e(paragraph)}</p>`).join('\n')}
<table role="presentation" style="border-collapse:collapse">
${fields.map(([name, value]) => `<tr><td style="${label}">${e(name)}</td><td>${e(value)}</td></tr>`).join('\n')}
</table>
${blocks
  .map(
    (block) =>
      `<p style="margin-bottom:4px;color:#52606d">${e(block.label)}</p>\n` +
      `<div style="white-space:pre-wrap;border-left:3px solid #cbd2d9;padding-left:12px">${e(block.text)}</div>`,
  )
  .join('\n')}
<p>${e(content.link.intro)} <a href="${e(content.link.url)}">${e(content.link.url)}</a></p>
${closing.map((paragraph) => `<p>${e(paragraph)}</p>`).join('\n')}
<p style="color:#52606d;font-size:12px">${e(signature)}<br>${e(automatic)}</p>
</body>
</html>
`;
  return { subject, text, html };
}

/** Normalises line breaks and trims, so a block reads the same in both parts. */
function normalizeBlock(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
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
