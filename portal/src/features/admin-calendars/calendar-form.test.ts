import { describe, expect, it } from 'vitest';
import { windowProblems, windowRows } from './calendar-form';

describe('the calendar form', () => {
  it('starts a new calendar on weekdays 08:00–16:00 and lists an existing one Monday first', () => {
    expect(windowRows(null)).toHaveLength(5);
    expect(
      windowRows({
        '6': [{ start: '08:00', end: '12:00' }],
        '1': [
          { start: '09:00', end: '13:00' },
          { start: '14:00', end: '18:00' },
        ],
      }),
    ).toEqual([
      { day: 1, start: '09:00', end: '13:00' },
      { day: 1, start: '14:00', end: '18:00' },
      { day: 6, start: '08:00', end: '12:00' },
    ]);
  });

  it('tells a week without hours, a malformed time and a window that ends before it starts', () => {
    expect(windowProblems([])).toEqual(['none']);
    expect(windowProblems([{ day: 1, start: '8', end: '16:00' }])).toEqual(['time']);
    expect(windowProblems([{ day: 1, start: '16:00', end: '08:00' }])).toEqual(['order']);
    expect(windowProblems([{ day: 1, start: '08:00', end: '16:00' }])).toEqual([]);
  });
});
