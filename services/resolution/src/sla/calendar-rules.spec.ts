import { calendarInputProblems, weekOf } from './calendar-rules.js';

describe('a calendar an administrator saves', () => {
  const week = weekOf([
    { day: 2, start: '14:00', end: '18:00' },
    { day: 1, start: '09:00', end: '14:00' },
    { day: 2, start: '09:00', end: '13:00' },
  ]);

  it('keeps the windows per weekday, in order', () => {
    expect(week).toEqual({
      1: [{ start: '09:00', end: '14:00' }],
      2: [
        { start: '09:00', end: '13:00' },
        { start: '14:00', end: '18:00' },
      ],
    });
    expect(calendarInputProblems('embajada', 'Europe/Madrid', week)).toEqual([]);
  });

  it('refuses the deployment’s calendar, an unknown zone and windows that cannot count time', () => {
    expect(calendarInputProblems('default', 'Europe/Madrid', week)).toEqual([
      { field: 'code', constraint: 'deploymentCalendar' },
    ]);
    expect(calendarInputProblems('embajada', 'Marte/Olympus', week)).toEqual([
      { field: 'zone', constraint: 'timeZone', params: ['Marte/Olympus'] },
    ]);
    const overlapping = weekOf([
      { day: 1, start: '09:00', end: '14:00' },
      { day: 1, start: '13:00', end: '15:00' },
    ]);
    expect(calendarInputProblems('embajada', 'Europe/Madrid', overlapping)).toEqual([
      { field: 'week', constraint: 'workingWindows', params: [expect.stringContaining('overlap')] },
    ]);
    const backwards = weekOf([{ day: 3, start: '15:00', end: '09:00' }]);
    expect(calendarInputProblems('embajada', 'Europe/Madrid', backwards)[0]).toMatchObject({ field: 'week' });
  });
});
