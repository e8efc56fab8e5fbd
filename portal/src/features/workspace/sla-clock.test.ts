import { describe, expect, it } from 'vitest';
import { durationWords, slaClock } from './sla-clock';

const UNITS = { d: 'd', h: 'h', min: 'min', lessThanAMinute: 'menos de 1 min' };
const now = new Date('2026-03-02T12:00:00Z');

describe('slaClock', () => {
  it('has no clock before the ticket is routed', () => {
    expect(slaClock(null, null, now)).toEqual({ state: 'none' });
  });

  it('counts the time left, and the time past the due date', () => {
    expect(slaClock('2026-03-02T15:20:30Z', null, now)).toEqual({
      state: 'running',
      dueAt: '2026-03-02T15:20:30Z',
      minutesLeft: 200,
    });
    expect(slaClock('2026-03-02T10:00:00Z', null, now)).toEqual({
      state: 'overdue',
      dueAt: '2026-03-02T10:00:00Z',
      minutesLate: 120,
    });
  });

  it('says whether a met target was met on time', () => {
    expect(slaClock('2026-03-02T10:00:00Z', '2026-03-02T09:00:00Z', now)).toEqual({
      state: 'met',
      at: '2026-03-02T09:00:00Z',
      late: false,
    });
    expect(slaClock('2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', now)).toMatchObject({ late: true });
  });
});

describe('durationWords', () => {
  it('names the two largest units', () => {
    expect(durationWords(0, UNITS)).toBe('menos de 1 min');
    expect(durationWords(15, UNITS)).toBe('15 min');
    expect(durationWords(60, UNITS)).toBe('1 h');
    expect(durationWords(200, UNITS)).toBe('3 h 20 min');
    expect(durationWords(1440 * 2 + 185, UNITS)).toBe('2 d 3 h');
    expect(durationWords(1440, UNITS)).toBe('1 d');
  });
});
