import { decodeKeysetCursor, encodeKeysetCursor, searchTerms, wordPrefixPattern } from './directory-search.js';

describe('searchTerms', () => {
  it('reads words without accents or case, split on anything but letters and digits', () => {
    expect(searchTerms('  José  PÉREZ-Ñandú ')).toEqual(['jose', 'perez', 'nandu']);
    expect(searchTerms('juan.perez@salud.gob')).toEqual(['juan', 'perez', 'salud', 'gob']);
    expect(searchTerms('+54 (2954) 12-34')).toEqual(['54', '2954', '12', '34']);
  });

  it('drops repeated words, keeps at most eight, and gives nothing for empty or symbol-only text', () => {
    expect(searchTerms('ana ana ANA')).toEqual(['ana']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms(undefined)).toEqual([]);
    expect(searchTerms("%_' ;--")).toEqual([]);
  });

  it('gives patterns with nothing LIKE would read as a wildcard but the trailing one', () => {
    expect(searchTerms('50%_off').map(wordPrefixPattern)).toEqual(['% 50%', '% off%']);
  });
});

describe('keyset cursors', () => {
  const id = '0b7e2c1a-3f4d-4e5f-8a9b-0c1d2e3f4a5b';

  it('round-trip', () => {
    expect(decodeKeysetCursor(encodeKeysetCursor({ sortKey: 'pérez, ana', id }))).toEqual({
      sortKey: 'pérez, ana',
      id,
    });
  });

  it('refuse text they did not write', () => {
    expect(decodeKeysetCursor('not-a-cursor')).toBeNull();
    expect(decodeKeysetCursor(Buffer.from('["a","b"]').toString('base64url'))).toBeNull();
    expect(decodeKeysetCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull();
    expect(decodeKeysetCursor(Buffer.from(`[1,"${id}"]`).toString('base64url'))).toBeNull();
  });
});
