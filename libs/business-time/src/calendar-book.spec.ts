import { addBusinessMinutes } from './business-calendar.js';
import { CalendarBook, changedDays, type CalendarDefinition } from './calendar-book.js';

const weekdays = (start: string, end: string) => {
  const day = [{ start, end }];
  return { 1: day, 2: day, 3: day, 4: day, 5: day };
};

describe('calendar book', () => {
  const book = CalendarBook.build(
    'America/Argentina/Buenos_Aires',
    [{ code: 'madrid', zone: 'Europe/Madrid', week: weekdays('09:00', '14:00') }],
    [
      { calendar: 'default', day: '2026-03-03' },
      { calendar: 'madrid', day: '2026-03-02' },
    ],
    [{ jurisdiction: 'EMBAJADA', calendar: 'madrid' }],
  );

  it('uses the deployment’s calendar, with its holidays, for jurisdictions without one', () => {
    const calendar = book.calendarFor('SALUD');
    expect(calendar.zone).toBe('America/Argentina/Buenos_Aires');
    // Monday 15:00 + 2 h; Tuesday is a holiday → Wednesday 09:00
    expect(addBusinessMinutes(calendar, new Date('2026-03-02T18:00:00Z'), 120).toISOString()).toBe(
      '2026-03-04T12:00:00.000Z',
    );
    expect(book.calendarFor(null)).toBe(calendar);
  });

  it('uses a jurisdiction’s own calendar and holidays', () => {
    const calendar = book.calendarFor('EMBAJADA');
    expect(calendar.zone).toBe('Europe/Madrid');
    expect([...calendar.holidays]).toEqual(['2026-03-02']);
    // Monday is a holiday there: Tuesday 09:00 CET + 1 h
    expect(addBusinessMinutes(calendar, new Date('2026-03-02T08:00:00Z'), 60).toISOString()).toBe(
      '2026-03-03T09:00:00.000Z',
    );
  });

  it('refuses a stored calendar that cannot count time, naming it', () => {
    expect(() =>
      CalendarBook.build('UTC', [{ code: 'roto', zone: 'Marte/Olympus', week: weekdays('09:00', '14:00') }], [], []),
    ).toThrow('calendar "roto" is not valid: unknown time zone "Marte/Olympus"');
  });

  it('builds the same calendars from their announced definitions, the default one setting the zone', () => {
    const announced = CalendarBook.fromDefinitions('UTC', [
      {
        code: 'default',
        zone: 'America/Argentina/Buenos_Aires',
        week: weekdays('08:00', '16:00'),
        jurisdictions: [],
        holidays: ['2026-03-03'],
      },
      {
        code: 'madrid',
        zone: 'Europe/Madrid',
        week: weekdays('09:00', '14:00'),
        jurisdictions: ['EMBAJADA'],
        holidays: ['2026-03-02'],
      },
    ]);
    for (const jurisdiction of ['SALUD', 'EMBAJADA']) {
      expect(announced.calendarFor(jurisdiction)).toEqual(book.calendarFor(jurisdiction));
    }
    expect(CalendarBook.fromDefinitions('UTC', []).calendarFor(null).zone).toBe('UTC');
  });

  it('names the days a change of holidays moves, or none when more than holidays changed', () => {
    const calendar = (code: string, holidays: string[], zone = 'UTC'): CalendarDefinition => ({
      code,
      zone,
      week: weekdays('08:00', '16:00'),
      jurisdictions: code === 'default' ? [] : ['EMBAJADA'],
      holidays,
    });
    const before = [calendar('default', ['2026-03-03']), calendar('madrid', ['2026-03-02'])];
    expect(changedDays(before, [calendar('default', ['2026-03-03', '2026-05-25']), before[1]!])).toEqual([
      '2026-05-25',
    ]);
    expect(changedDays(before, [calendar('default', []), calendar('madrid', ['2026-03-02', '2026-01-06'])])).toEqual([
      '2026-01-06',
      '2026-03-03',
    ]);
    expect(changedDays(before, before)).toEqual([]);
    expect(changedDays(before, [before[0]!, calendar('madrid', ['2026-03-02'], 'Europe/Madrid')])).toBeNull();
    expect(changedDays([], before)).toBeNull();
  });
});
