import { calendarMinutesBetween, isTimeZone } from './business-time.js';

const at = (iso: string) => new Date(iso);

describe('calendar time', () => {
  it('counts every minute; reversed instants count nothing', () => {
    expect(calendarMinutesBetween(at('2025-03-14T18:30:00Z'), at('2025-03-17T11:30:00Z'))).toBe(3900);
    expect(calendarMinutesBetween(at('2025-03-11T12:00:00Z'), at('2025-03-10T18:00:00Z'))).toBe(0);
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Marte/Olympus')).toBe(false);
  });
});
