import { businessMinutesBetween, calendarMinutesBetween } from './business-time.js';

// Buenos Aires is UTC−3 all year: 08:00 local is 11:00Z, 16:00 local is 19:00Z.
const ZONE = 'America/Argentina/Buenos_Aires';
const at = (iso: string) => new Date(iso);

describe('business time (Mon–Fri 08:00–16:00)', () => {
  it('counts only the working hours', () => {
    // Monday 10:00 → Monday 12:30 local: 150 minutes.
    expect(businessMinutesBetween(ZONE, at('2025-03-10T13:00:00Z'), at('2025-03-10T15:30:00Z'))).toBe(150);
    // Monday 15:00 → Tuesday 09:00 local: 60 + 60.
    expect(businessMinutesBetween(ZONE, at('2025-03-10T18:00:00Z'), at('2025-03-11T12:00:00Z'))).toBe(120);
    // Friday 15:30 → Monday 08:30 local: 30 + 30 (the weekend does not count).
    expect(businessMinutesBetween(ZONE, at('2025-03-14T18:30:00Z'), at('2025-03-17T11:30:00Z'))).toBe(60);
    // Saturday → Sunday: nothing.
    expect(businessMinutesBetween(ZONE, at('2025-03-15T13:00:00Z'), at('2025-03-16T13:00:00Z'))).toBe(0);
  });

  it('calendar time counts every minute; reversed instants count nothing', () => {
    expect(calendarMinutesBetween(at('2025-03-14T18:30:00Z'), at('2025-03-17T11:30:00Z'))).toBe(3900);
    expect(businessMinutesBetween(ZONE, at('2025-03-11T12:00:00Z'), at('2025-03-10T18:00:00Z'))).toBe(0);
  });
});
