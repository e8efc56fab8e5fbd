import type { Language } from '@cau/contracts';
import { escapeHtml } from './html.js';

/** A mail about an account (not a ticket): a greeting, one paragraph, the link to follow, short notes. */
export interface LinkMailParts {
  language: Language;
  subject: string;
  greeting: string;
  intro: string;
  link: string;
  /** The words of the link in the HTML part. */
  action: string;
  /** Lines after the link (how long it lasts, what to do if the mail was not expected). */
  notes: readonly string[];
  signature: string;
  automatic: string;
}

export function renderLinkMail(parts: LinkMailParts): { subject: string; text: string; html: string } {
  const text = [
    parts.greeting,
    '',
    parts.intro,
    parts.link,
    '',
    ...parts.notes,
    '',
    '-- ',
    parts.signature,
    parts.automatic,
    '',
  ].join('\n');
  const e = escapeHtml;
  const html = `<!DOCTYPE html>
<html lang="${e(parts.language)}">
<head><meta charset="utf-8"><title>${e(parts.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.5">
<p>${e(parts.greeting)}</p>
<p>${e(parts.intro)}</p>
<p><a href="${e(parts.link)}">${e(parts.action)}</a></p>
<p>${parts.notes.map(e).join('<br>')}</p>
<p style="color:#52606d;font-size:12px">${e(parts.signature)}<br>${e(parts.automatic)}</p>
</body>
</html>
`;
  return { subject: parts.subject, text, html };
}
