/**
 * Searching a directory (accounts, requesters) by the words a person types. Tables keep a
 * `search_text` column: the words of the name and e-mail (and phone), unaccented, lower-case, runs of
 * anything but a-z and 0-9 turned into one space, with a space at each end. The SQL functions that fill
 * it live in each schema's migration; this is the same reading of the typed text, so a term is always
 * `[a-z0-9]+` and `LIKE '% term%'` means "starts a word" with nothing to escape.
 */
export const MAX_SEARCH_TERMS = 8;
const MAX_TERM_LENGTH = 60;

/** The distinct words of a search box, at most eight (the rest only narrow further). */
export function searchTerms(text: string | undefined): string[] {
  if (!text) return [];
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.slice(0, MAX_TERM_LENGTH));
  return [...new Set(words)].slice(0, MAX_SEARCH_TERMS);
}

/** The LIKE pattern for a term of `searchTerms`: the start of a word of `search_text`. */
export function wordPrefixPattern(term: string): string {
  return `% ${term}%`;
}

/** Where a name-ordered page resumes: the last row's sort key and id. */
export interface KeysetPosition {
  sortKey: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients, so the ordering may change without breaking their links. */
export function encodeKeysetCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.sortKey, position.id])).toString('base64url');
}

/** Null when the text is not a cursor `encodeKeysetCursor` wrote. */
export function decodeKeysetCursor(cursor: string): KeysetPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [sortKey, id] = value as unknown[];
    if (typeof sortKey !== 'string' || typeof id !== 'string' || !UUID.test(id)) return null;
    return { sortKey, id };
  } catch {
    return null;
  }
}
