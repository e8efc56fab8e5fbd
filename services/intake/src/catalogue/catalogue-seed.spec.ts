import { CATEGORY_CODE_PATTERN } from '@cau/contracts';
import { DEFAULT_TICKET_CATEGORIES, categoryCatalogueFromEnv, jurisdictionSeedFromEnv } from './catalogue-seed.js';

describe('TICKET_CATEGORIES', () => {
  it('defaults to a government IT desk list that keeps the inbound mail category', () => {
    const { categories } = categoryCatalogueFromEnv({});
    expect(categories.map((c) => c.code)).toEqual(DEFAULT_TICKET_CATEGORIES.map((c) => c.code));
    expect(categories).toContainEqual({
      code: 'correo-electronico',
      label: { es: 'Correo electrónico', en: 'E-mail' },
    });
    expect(categories.every((c) => CATEGORY_CODE_PATTERN.test(c.code))).toBe(true);
    expect(categoryCatalogueFromEnv({ TICKET_CATEGORIES: '  ' }).categories).toEqual(categories);
  });

  it('reads the installation list, in its order', () => {
    const { categories } = categoryCatalogueFromEnv({
      TICKET_CATEGORIES: JSON.stringify([
        { code: 'sigep', es: 'SIGEP ', en: 'SIGEP' },
        { code: 'correo-electronico', es: 'Correo', en: 'Mail' },
      ]),
    });
    expect(categories).toEqual([
      { code: 'sigep', label: { es: 'SIGEP', en: 'SIGEP' } },
      { code: 'correo-electronico', label: { es: 'Correo', en: 'Mail' } },
    ]);
  });

  it.each([
    ['not json', 'is not valid JSON'],
    ['{"code":"a"}', 'must be a non-empty JSON array'],
    ['[]', 'must be a non-empty JSON array'],
    ['["impresoras"]', '[0] must be an object'],
    ['[{"code":"Impresoras","es":"I","en":"P"}]', '[0].code must be lower-case words'],
    ['[{"code":"red e internet","es":"R","en":"N"}]', '[0].code must be lower-case words'],
    ['[{"code":"otros","es":"","en":"Other"}]', '[0].es must be a non-empty text'],
    ['[{"code":"otros","es":"Otros"}]', '[0].en must be a non-empty text'],
    ['[{"code":"otros","es":"Otros","en":"Other","color":"red"}]', '[0] has unknown field(s): color'],
    ['[{"code":"a","es":"A","en":"A"},{"code":"a","es":"B","en":"B"}]', '[1].code "a" is repeated'],
  ])('stops the start naming the variable for %s', (raw, detail) => {
    expect(() => categoryCatalogueFromEnv({ TICKET_CATEGORIES: raw })).toThrow(
      `invalid intake configuration: TICKET_CATEGORIES ${detail}`,
    );
  });
});

describe('JURISDICTION_REFERENTES and SUPERVISOR_EMAILS', () => {
  it('seeds nothing when unset', () => {
    expect(jurisdictionSeedFromEnv({})).toEqual([]);
  });

  it('gives each named jurisdiction its referente and every supervisor', () => {
    expect(
      jurisdictionSeedFromEnv({
        JURISDICTION_REFERENTES: 'SALUD=Ref@Salud.gob, EDUCACION=ti@edu.gob',
        SUPERVISOR_EMAILS: 'jefa@cau.gob,JEFA@cau.gob',
      }),
    ).toEqual([
      { code: 'SALUD', referenteEmails: ['ref@salud.gob'], supervisorEmails: ['jefa@cau.gob'] },
      { code: 'EDUCACION', referenteEmails: ['ti@edu.gob'], supervisorEmails: ['jefa@cau.gob'] },
    ]);
  });

  it('stops the start naming the variable', () => {
    expect(() => jurisdictionSeedFromEnv({ JURISDICTION_REFERENTES: 'SALUD' })).toThrow('JURISDICTION_REFERENTES');
    expect(() => jurisdictionSeedFromEnv({ SUPERVISOR_EMAILS: 'nadie' })).toThrow('SUPERVISOR_EMAILS');
  });
});
