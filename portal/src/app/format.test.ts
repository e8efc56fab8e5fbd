import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay } from './format';

describe('formatDay', () => {
  it('writes a day as that same day in Spanish and English', () => {
    expect(formatDay('2026-12-05', 'es')).toMatch(/^5 dic\.? 2026$/);
    expect(formatDay('2026-12-05', 'en')).toBe('5 Dec 2026');
  });

  it('keeps the first and last day of a year and a leap day where they are', () => {
    expect(formatDay('2027-01-01', 'en')).toBe('1 Jan 2027');
    expect(formatDay('2026-12-31', 'en')).toBe('31 Dec 2026');
    expect(formatDay('2028-02-29', 'en')).toBe('29 Feb 2028');
  });

  it('is not moved by the time zone the way a day read as a moment is', () => {
    // The day's start in a zone west of UTC, as the browser there would show a day sent as a moment.
    const asMoment = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'America/Mexico_City' }).format(
      new Date('2026-12-05T00:00:00Z'),
    );
    expect(asMoment).toBe('4 Dec 2026');
    expect(formatDay('2026-12-05', 'en')).toBe('5 Dec 2026');
  });

  it('returns what is not a day as it came', () => {
    expect(formatDay('', 'es')).toBe('');
    expect(formatDay('2026-12-05T10:00:00Z', 'es')).toBe('2026-12-05T10:00:00Z');
    expect(formatDay('05/12/2026', 'en')).toBe('05/12/2026');
  });

  it('leaves formatDateTime for moments', () => {
    expect(formatDateTime('2026-12-05T10:00:00Z', 'en')).toContain('2026');
  });
});
