import { AnnouncementAudience, AnnouncementKind, Role, type AnnouncementInputV1 } from '@cau/contracts';
import { announcementState, isInAudience, isValidAt } from './announcement-rules.js';

const input = (overrides: Partial<AnnouncementInputV1> = {}): AnnouncementInputV1 => ({
  kind: AnnouncementKind.PlannedOutage,
  title: ' Corte del correo ',
  body: 'El sábado\r\nde 8 a 12.',
  language: 'es',
  audience: AnnouncementAudience.Jurisdictions,
  jurisdictions: ['SALUD', 'SALUD', 'EDUCACION'],
  validFrom: '2026-12-05T10:00:00Z',
  validUntil: '2026-12-06T10:00:00Z',
  ...overrides,
});
const active = new Set(['SALUD', 'EDUCACION']);

describe('announcementState', () => {
  it('keeps each jurisdiction once, trims and normalises line breaks', () => {
    const result = announcementState(input(), active);
    expect(result).toEqual({
      ok: true,
      state: expect.objectContaining({
        title: 'Corte del correo',
        body: 'El sábado\nde 8 a 12.',
        jurisdictions: ['SALUD', 'EDUCACION'],
        validFrom: '2026-12-05T10:00:00.000Z',
        validUntil: '2026-12-06T10:00:00.000Z',
      }),
    });
  });

  it('names each unknown code and an end not after the start', () => {
    const result = announcementState(
      input({ jurisdictions: ['SALUD', 'MARTE'], validUntil: '2026-12-05T10:00:00Z' }),
      active,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'announcement.jurisdictions.1',
          constraint: 'inactiveCatalogueValue',
          params: ['jurisdiction', 'MARTE'],
        },
        { field: 'announcement.validUntil', constraint: 'dateRange', params: ['validFrom'] },
      ],
    });
  });

  it('stores no jurisdictions for everyone, and no end when none is given', () => {
    const result = announcementState(
      input({ audience: AnnouncementAudience.Everyone, jurisdictions: ['MARTE'], validUntil: null }),
      active,
    );
    expect(result).toEqual({ ok: true, state: expect.objectContaining({ jurisdictions: [], validUntil: null }) });
  });
});

describe('isValidAt', () => {
  const window = { validFrom: '2026-12-05T10:00:00.000Z', validUntil: '2026-12-06T10:00:00.000Z' };
  it('includes the start and excludes the end', () => {
    expect(isValidAt(window, new Date('2026-12-05T09:59:59Z'))).toBe(false);
    expect(isValidAt(window, new Date('2026-12-05T10:00:00Z'))).toBe(true);
    expect(isValidAt(window, new Date('2026-12-06T10:00:00Z'))).toBe(false);
    expect(isValidAt({ ...window, validUntil: null }, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });
});

describe('isInAudience', () => {
  const forSalud = { audience: AnnouncementAudience.Jurisdictions, jurisdictions: ['SALUD'] };
  it('reaches the people of the jurisdictions and the staff', () => {
    expect(isInAudience(forSalud, { role: Role.Requester, jurisdiction: 'SALUD' })).toBe(true);
    expect(isInAudience(forSalud, { role: Role.Referente, jurisdiction: 'EDUCACION' })).toBe(false);
    expect(isInAudience(forSalud, { role: Role.Requester, jurisdiction: null })).toBe(false);
    expect(isInAudience(forSalud, { role: Role.Operator, jurisdiction: null })).toBe(true);
    expect(
      isInAudience(
        { audience: AnnouncementAudience.Everyone, jurisdictions: [] },
        { role: Role.Requester, jurisdiction: null },
      ),
    ).toBe(true);
  });
});
