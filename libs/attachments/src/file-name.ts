/** Longest file name kept, in characters (most file systems allow 255 bytes; names travel in headers too). */
export const FILE_NAME_MAX_LENGTH = 150;

/**
 * The name a file is kept and offered under: the last path part only (both `/` and `\` separate, so
 * `..\x` and `../../etc/passwd` lose their directories), without control or formatting characters
 * (bidirectional overrides could disguise an extension), without leading dots or spaces (no hidden
 * files, no `..`), whitespace collapsed, at most 150 characters with the extension kept. Letters of
 * any script stay. Returns null when nothing usable is left.
 */
export function sanitizeFileName(raw: string): string | null {
  const lastPart = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastPart
    .normalize('NFC')
    // C0/C1 controls, DEL, bidi and zero-width formatting characters, line/paragraph separators.
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    // Characters Windows refuses in names; they would break the saved file there.
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+/u, '')
    .replace(/[\s.]+$/u, '');
  if (cleaned === '') return null;
  return truncateKeepingExtension(cleaned, FILE_NAME_MAX_LENGTH);
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length > 0 && extension.length <= 16) {
    return chars
      .slice(0, max - extension.length)
      .join('')
      .trimEnd()
      .concat(extension.join(''));
  }
  return chars.slice(0, max).join('').trimEnd();
}

/**
 * `Content-Disposition` (a download unless `inline`: an image shown in a page) with an ASCII fallback `filename` and the exact name as RFC 5987
 * `filename*` (UTF-8, percent-encoded), which every current browser prefers.
 */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
