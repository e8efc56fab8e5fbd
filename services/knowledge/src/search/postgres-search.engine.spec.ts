import { tsQueryParts } from './postgres-search.engine.js';
import { parseQuery } from './query-text.js';

describe('PostgreSQL tsquery parts', () => {
  it('turns phrases, prefixes and words into tsquery fragments in order', () => {
    expect(tsQueryParts(parseQuery('"segundo piso" telet* impresora red'))).toEqual({
      parts: ['(segundo <-> piso)', 'telet:*', 'impresora', 'red'],
      correctable: [false, false, true, false],
    });
  });

  it('leaves no tsquery syntax from what users type', () => {
    const { parts } = tsQueryParts(parseQuery(`a:b & (c | !d) '; DROP TABLE x; --`));
    for (const part of parts) expect(part).toMatch(/^[a-z0-9]+$/);
  });
});
