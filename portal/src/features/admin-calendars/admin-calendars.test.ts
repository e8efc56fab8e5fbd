import { describe, expect, it } from 'vitest';
import { formatHoliday, isLocalDate, yearsAround } from './admin-calendars-api';

describe('isLocalDate', () => {
  it('accepts only real days written YYYY-MM-DD', () => {
    expect(isLocalDate('2026-03-24')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-02-30')).toBe(false);
    expect(isLocalDate('24/03/2026')).toBe(false);
    expect(isLocalDate('')).toBe(false);
  });
});

describe('formatHoliday', () => {
  it('reads the local date with its weekday, whatever the browser zone', () => {
    expect(formatHoliday('2026-03-24', 'es')).toBe('martes, 24 de marzo');
    expect(formatHoliday('2026-12-25', 'en')).toBe('Friday 25 December');
  });
});

describe('yearsAround', () => {
  it('offers last year to two years ahead', () => {
    expect(yearsAround(new Date(2026, 5, 1))).toEqual([2025, 2026, 2027, 2028]);
  });
});
