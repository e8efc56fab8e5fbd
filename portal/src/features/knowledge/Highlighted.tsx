import { Fragment } from 'react';

/** Decodes the few entities the search escapes; the snippet's text is HTML-escaped around its <mark> tags. */
function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The search snippet with its matches marked, rendered as React text: never as HTML. */
export function Highlighted({ snippet }: { snippet: string }) {
  const parts = snippet.split(/<mark>|<\/mark>/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? <mark key={index}>{unescape(part)}</mark> : <Fragment key={index}>{unescape(part)}</Fragment>,
      )}
    </>
  );
}
