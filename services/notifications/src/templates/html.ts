const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Collapses line breaks and runs of spaces: user text placed in a subject or a one-line field. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Normalises line breaks and trims: text as people wrote it, shown as a block, reads the same in both parts. */
export function normalizeBlock(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}
