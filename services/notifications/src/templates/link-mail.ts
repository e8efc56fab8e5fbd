import type { Language } from '@cau/contracts';
import { escapeHtml } from './html.js';
import { htmlDocument, signedText } from './mail.js';
import type { MailTemplate } from './template-language.js';

/**
 * A mail about an account (not a ticket): a greeting, one paragraph, the link to follow, short notes.
 * Every part is Mustache source: literal words with `{{placeholders}}`.
 */
export interface LinkMailLayout {
  language: Language;
  subject: string;
  greeting: string;
  intro: string;
  /** The link's placeholder. */
  link: string;
  /** The words of the link in the HTML part. */
  action: string;
  /** Lines after the link (how long it lasts, what to do if the mail was not expected). */
  notes: readonly string[];
}

/** The built-in template of an account mail; literal words are escaped here for the HTML part. */
export function linkMailTemplate(layout: LinkMailLayout): MailTemplate {
  const text = signedText(layout.language, [layout.greeting, '', layout.intro, layout.link, '', ...layout.notes, '']);
  const e = escapeHtml;
  const body = `<p>${e(layout.greeting)}</p>
<p>${e(layout.intro)}</p>
<p><a href="${e(layout.link)}">${e(layout.action)}</a></p>
<p>${layout.notes.map(e).join('<br>')}</p>`;
  return { subject: layout.subject, text, html: htmlDocument(layout.language, layout.subject, body) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const LOCALE: Record<Language, string> = { es: 'es-AR', en: 'en-GB' };

/** A link's expiry, or another instant in an account or announcement mail: short month, the zone named. */
export function formatShortInstant(iso: string, language: Language, timeZone: string): string {
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
