import { preferredLanguage } from './language.js';

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'es'],
    ['', 'es'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['es-AR,es;q=0.9,en;q=0.8', 'es'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr, de', 'es'],
    ['es;q=0.2, en;q=0.8', 'en'],
    ['en;q=0, *', 'es'],
    ['es;q=0, *;q=0.1', 'en'],
    ['en, es', 'en'],
    ['es, en', 'es'],
    ['EN-gb', 'en'],
    ['en;q=2', 'es'],
    ['en;q=abc, es;q=0.1', 'es'],
    ['en;q=0.000', 'es'],
    ['english', 'es'],
    [' en ; q = 0.7 , es ; q = 0.3 ', 'en'],
  ])('%j → %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});
