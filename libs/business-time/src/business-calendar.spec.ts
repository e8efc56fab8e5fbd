import {
  addBusinessMinutes,
  businessMinutesBetween,
  calendarProblems,
  defaultCalendar,
  type BusinessCalendar,
} from './business-calendar.js';

// La Pampa: UTC−3 all year. Madrid has daylight-saving changes (last Sunday of March and October).
const pampa = defaultCalendar('America/Argentina/Buenos_Aires', ['2026-12-25', '2026-12-08']);
const madrid = defaultCalendar('Europe/Madrid');
const at = (iso: string) => new Date(iso);

describe('business time arithmetic', () => {
  it('counts within one working day', () => {
    // Monday 2026-11-23 09:00 local (12:00Z) + 2 h → 11:00 local
    expect(addBusinessMinutes(pampa, at('2026-11-23T12:00:00Z'), 120).toISOString()).toBe('2026-11-23T14:00:00.000Z');
  });

  it('carries over to the next morning at closing time', () => {
    // Monday 15:00 local + 3 h → Tuesday 10:00 local
    expect(addBusinessMinutes(pampa, at('2026-11-23T18:00:00Z'), 180).toISOString()).toBe('2026-11-24T13:00:00.000Z');
  });

  it('ends exactly at closing time when the budget runs out there', () => {
    expect(addBusinessMinutes(pampa, at('2026-11-23T11:00:00Z'), 480).toISOString()).toBe('2026-11-23T19:00:00.000Z');
  });

  it('starts counting at opening time when registered at night', () => {
    // Monday 22:00 local → Tuesday 08:00 + 1 h
    expect(addBusinessMinutes(pampa, at('2026-11-24T01:00:00Z'), 60).toISOString()).toBe('2026-11-24T12:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 2026-11-27 15:00 local + 2 h → Monday 2026-11-30 09:00 local
    expect(addBusinessMinutes(pampa, at('2026-11-27T18:00:00Z'), 120).toISOString()).toBe('2026-11-30T12:00:00.000Z');
  });

  it('skips holidays', () => {
    // Thursday 2026-12-24 15:00 + 2 h; Friday 25 is a holiday, then the weekend → Monday 28 09:00
    expect(addBusinessMinutes(pampa, at('2026-12-24T18:00:00Z'), 120).toISOString()).toBe('2026-12-28T12:00:00.000Z');
  });

  it('keeps local opening hours across the spring daylight-saving change', () => {
    // Friday 2026-03-27 15:00 CET (14:00Z) + 2 h → Monday 2026-03-30 09:00 CEST (07:00Z)
    expect(addBusinessMinutes(madrid, at('2026-03-27T14:00:00Z'), 120).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps local opening hours across the autumn daylight-saving change', () => {
    // Friday 2026-10-23 15:00 CEST (13:00Z) + 2 h → Monday 2026-10-26 09:00 CET (08:00Z)
    expect(addBusinessMinutes(madrid, at('2026-10-23T13:00:00Z'), 120).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('measures business minutes between instants, skipping nights, weekends and holidays', () => {
    expect(businessMinutesBetween(pampa, at('2026-11-23T12:00:00Z'), at('2026-11-23T14:30:00Z'))).toBe(150);
    // Friday 15:00 → Monday 09:00 = 1 h + 1 h
    expect(businessMinutesBetween(pampa, at('2026-11-27T18:00:00Z'), at('2026-11-30T12:00:00Z'))).toBe(120);
    // a whole week: 5 × 8 h
    expect(businessMinutesBetween(pampa, at('2026-11-23T03:00:00Z'), at('2026-11-30T03:00:00Z'))).toBe(2_400);
    // the week of a holiday: 4 × 8 h
    expect(businessMinutesBetween(pampa, at('2026-12-07T03:00:00Z'), at('2026-12-14T03:00:00Z'))).toBe(1_920);
    expect(businessMinutesBetween(pampa, at('2026-11-24T12:00:00Z'), at('2026-11-23T12:00:00Z'))).toBe(0);
  });

  it('is the inverse of adding business minutes', () => {
    const start = at('2026-11-26T17:13:00Z');
    for (const minutes of [1, 59, 480, 481, 2_400, 10_000]) {
      expect(businessMinutesBetween(pampa, start, addBusinessMinutes(pampa, start, minutes))).toBeCloseTo(minutes, 6);
    }
  });

  it('handles split shifts', () => {
    const split: BusinessCalendar = {
      zone: 'UTC',
      week: {
        1: [
          { start: '08:00', end: '12:00' },
          { start: '14:00', end: '18:00' },
        ],
      },
      holidays: new Set(),
    };
    // Monday 11:00 + 2 h → 15:00 (the 12–14 break does not count)
    expect(addBusinessMinutes(split, at('2026-11-23T11:00:00Z'), 120).toISOString()).toBe('2026-11-23T15:00:00.000Z');
  });

  it('reports broken calendars', () => {
    expect(calendarProblems(pampa)).toEqual([]);
    expect(
      calendarProblems({
        zone: 'Marte/Olympus',
        week: { 1: [{ start: '16:00', end: '08:00' }] },
        holidays: new Set(['31-12']),
      }),
    ).toEqual([
      'unknown time zone "Marte/Olympus"',
      'weekday 1: window 16:00–08:00 ends before it starts',
      'holiday "31-12" is not a date',
    ]);
    expect(() => addBusinessMinutes({ zone: 'UTC', week: {}, holidays: new Set() }, new Date(), 1)).toThrow(RangeError);
  });
});
