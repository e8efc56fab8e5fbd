import { isCorrectable, keywordTerms, parseQuery, plainText } from './query-text.js';

describe('search query text', () => {
  it('drops accents and case', () => {
    expect(plainText('Conexión ÑANDÚ')).toBe('conexion nandu');
  });

  it('reads words, phrases and prefixes', () => {
    expect(parseQuery('impresora "sin conexión" correo*')).toEqual([
      { words: ['impresora'], prefix: false },
      { words: ['sin', 'conexion'], prefix: false },
      { words: ['correo'], prefix: true },
    ]);
  });

  it('keeps nothing of query syntax or SQL', () => {
    expect(parseQuery(`'; DROP TABLE articles; -- (a:b) & | ! <->`)).toEqual([
      { words: ['drop'], prefix: false },
      { words: ['table'], prefix: false },
      { words: ['articles'], prefix: false },
      { words: ['a'], prefix: false },
      { words: ['b'], prefix: false },
    ]);
    expect(parseQuery('" * : ( ) "')).toEqual([]);
    expect(parseQuery('')).toEqual([]);
  });

  it('treats an unmatched quote as a phrase to the end', () => {
    expect(parseQuery('correo "no llega')).toEqual([
      { words: ['correo'], prefix: false },
      { words: ['no', 'llega'], prefix: false },
    ]);
  });

  it('makes the last word a prefix while typing, not after a space', () => {
    expect(parseQuery('impresora atas', { typing: true }).at(-1)).toEqual({ words: ['atas'], prefix: true });
    expect(parseQuery('impresora atas ', { typing: true }).at(-1)).toEqual({ words: ['atas'], prefix: false });
  });

  it('caps the number of terms', () => {
    expect(parseQuery(Array.from({ length: 40 }, (_, i) => `palabra${i}`).join(' '))).toHaveLength(12);
  });

  it('takes the longest distinct words of a long text as keywords', () => {
    const terms = keywordTerms('La impresora de la oficina no imprime; la impresora muestra error');
    expect(terms.map((t) => t.words[0])).toEqual(['impresora', 'imprime', 'muestra', 'oficina', 'error']);
  });

  it('corrects only whole words of five letters or more', () => {
    const terms = parseQuery('red impresroa correo* "sin conexion"');
    expect(terms.filter(isCorrectable).map((t) => t.words.join(' '))).toEqual(['impresroa']);
  });
});
