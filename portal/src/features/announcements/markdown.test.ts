import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';

describe('parseMarkdown', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    expect(parseMarkdown('Uno\ndos\r\n\r\nTres')).toEqual([
      { type: 'paragraph', lines: [[{ type: 'text', text: 'Uno' }], [{ type: 'text', text: 'dos' }]] },
      { type: 'paragraph', lines: [[{ type: 'text', text: 'Tres' }]] },
    ]);
  });

  it('reads "- " and "* " lines as a list', () => {
    expect(parseMarkdown('Antes:\n- Guarde\n* Cierre\nDespués')).toEqual([
      { type: 'paragraph', lines: [[{ type: 'text', text: 'Antes:' }]] },
      { type: 'list', items: [[{ type: 'text', text: 'Guarde' }], [{ type: 'text', text: 'Cierre' }]] },
      { type: 'paragraph', lines: [[{ type: 'text', text: 'Después' }]] },
    ]);
  });
});

describe('parseInline', () => {
  it('reads bold, italic and links', () => {
    expect(parseInline('Es **muy** *importante*: [ver](https://cau.gob/x)')).toEqual([
      { type: 'text', text: 'Es ' },
      { type: 'strong', children: [{ type: 'text', text: 'muy' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'importante' }] },
      { type: 'text', text: ': ' },
      { type: 'link', href: 'https://cau.gob/x', children: [{ type: 'text', text: 'ver' }] },
    ]);
  });

  it('leaves HTML and unsafe links as text', () => {
    expect(parseInline('<script>alert(1)</script> [clic](javascript:alert(1))')).toEqual([
      { type: 'text', text: '<script>alert(1)</script> ' },
      { type: 'text', text: '[clic](javascript:alert(1)' },
      { type: 'text', text: ')' },
    ]);
    expect(parseInline('2 * 3 * 4')).toEqual([{ type: 'text', text: '2 * 3 * 4' }]);
  });
});

describe('safeHref', () => {
  it('takes http, https and mailto only', () => {
    expect(safeHref('https://cau.gob')).toBe('https://cau.gob');
    expect(safeHref('mailto:mesa@cau.gob')).toBe('mailto:mesa@cau.gob');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
  });
});
