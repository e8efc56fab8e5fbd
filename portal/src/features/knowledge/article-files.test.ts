import { describe, expect, it } from 'vitest';
import { articleFileId, insertAt, markdownFor, referencedFileIds } from './article-files';

const ARTICLE = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const FILE = '9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0';
const url = `/api/v1/kb/articles/${ARTICLE}/files/${FILE}`;

describe('article files in Markdown', () => {
  it('references an image to show and any other file to download, with a name that cannot break out', () => {
    expect(markdownFor({ fileName: 'error vpn.png', image: true, url })).toBe(`![error vpn](${url})`);
    expect(markdownFor({ fileName: 'manual (v2) [final].pdf', image: false, url })).toBe(
      `[manual  v2   final .pdf](${url})`,
    );
  });

  it('knows only the gateway address of an article file', () => {
    expect(articleFileId(url)).toBe(FILE);
    expect(articleFileId(`https://evil.example${url}`)).toBeNull();
    expect(articleFileId('/api/v1/tickets/7/attachments/x')).toBeNull();
    expect(referencedFileIds(['texto', `ver [a](${url}) y ![b](${url})`])).toEqual(new Set([FILE]));
  });

  it('inserts an image on a line of its own and a link in the sentence', () => {
    expect(insertAt('antes después', 5, 6, '![x](u)')).toEqual({ value: 'antes\n![x](u)\ndespués', caret: 14 });
    expect(insertAt('ver ', 4, 4, '[m.pdf](u)')).toEqual({ value: 'ver [m.pdf](u)', caret: 14 });
    expect(insertAt('ver', 3, 3, '[m.pdf](u)').value).toBe('ver [m.pdf](u)');
    expect(insertAt('', 0, 0, '![x](u)').value).toBe('![x](u)');
  });
});
