import type { Schemas } from '../../api/client';

export type ArticleFile = Schemas['KbArticleFileResponse'];

/** The address the gateway serves an article's file at; the only images an article shows. */
const FILE_URL = /^\/api\/v1\/kb\/articles\/[0-9a-f-]{36}\/files\/([0-9a-f-]{36})$/i;

export const articleFileId = (url: string): string | null => FILE_URL.exec(url)?.[1]?.toLowerCase() ?? null;

/** Brackets, parentheses and line breaks would end the reference early; the name keeps only what is safe. */
const label = (text: string): string => text.replace(/[[\]()\\\n\r]/g, ' ').trim() || 'archivo';

/** What the editor inserts: an image shown in place, any other file as a link to download it. */
export function markdownFor(file: Pick<ArticleFile, 'fileName' | 'image' | 'url'>): string {
  if (file.image) return `![${label(file.fileName.replace(/\.[a-z0-9]+$/i, ''))}](${file.url})`;
  return `[${label(file.fileName)}](${file.url})`;
}

/** Inserts `text` between `start` and `end` of `value`: an image on a line of its own, a link as a word. */
export function insertAt(value: string, start: number, end: number, text: string): { value: string; caret: number } {
  const before = value.slice(0, start);
  const after = value.slice(end);
  const block = text.startsWith('![');
  const lead = block
    ? before.length > 0 && !before.endsWith('\n')
      ? '\n'
      : ''
    : before.length > 0 && !/\s$/.test(before)
      ? ' '
      : '';
  const trail = block && after.length > 0 && !after.startsWith('\n') ? '\n' : '';
  const inserted = `${lead}${text}${trail}`;
  return { value: `${before}${inserted}${after}`, caret: before.length + inserted.length };
}

/** The files an article's text refers to, so a reader sees the ones the current version still names. */
export function referencedFileIds(texts: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(/\/api\/v1\/kb\/articles\/[0-9a-f-]{36}\/files\/([0-9a-f-]{36})/gi)) {
      ids.add(match[1]!.toLowerCase());
    }
  }
  return ids;
}
