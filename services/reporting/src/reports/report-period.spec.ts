import { checkPeriod, checkYears } from './report-period.js';

const ZONE = 'America/Argentina/Buenos_Aires';

describe('report periods', () => {
  it('splits a period into months, clipping the first and last', () => {
    const period = checkPeriod({ from: '2025-01-15', to: '2025-03-10' }, 'month', ZONE);
    expect(Array.isArray(period)).toBe(false);
    if (Array.isArray(period)) return;
    expect(period.from.toISOString()).toBe('2025-01-15T03:00:00.000Z');
    expect(period.periods).toEqual([
      { key: '2025-01-01', start: '2025-01-15', end: '2025-02-01' },
      { key: '2025-02-01', start: '2025-02-01', end: '2025-03-01' },
      { key: '2025-03-01', start: '2025-03-01', end: '2025-03-10' },
    ]);
  });

  it('weeks start on Monday', () => {
    const period = checkPeriod({ from: '2025-03-05', to: '2025-03-17' }, 'week', ZONE);
    if (Array.isArray(period)) throw new Error('refused');
    expect(period.periods.map((p) => p.key)).toEqual(['2025-03-03', '2025-03-10']);
  });

  it('total is the whole period as one, however long', () => {
    const period = checkPeriod({ from: '2025-01-15', to: '2026-03-10' }, 'total', ZONE);
    if (Array.isArray(period)) throw new Error('refused');
    expect(period.periods).toEqual([{ key: '2025-01-15', start: '2025-01-15', end: '2026-03-10' }]);
    expect(checkPeriod({ from: '2020-01-01', to: '2025-01-02' }, 'total', ZONE)).toEqual([
      { field: 'to', constraint: 'max', params: ['2025-01-01'] },
    ]);
  });

  it('refuses inverted, empty, too long and absurd periods, and dates that do not exist', () => {
    expect(checkPeriod({ from: '2025-02-01', to: '2025-01-01' }, 'month', ZONE)).toEqual([
      { field: 'to', constraint: 'min', params: ['2025-02-02'] },
    ]);
    expect(checkPeriod({ from: '2025-02-01', to: '2025-02-01' }, 'month', ZONE)).toHaveLength(1);
    expect(checkPeriod({ from: '2020-01-01', to: '2025-01-02' }, 'month', ZONE)).toEqual([
      { field: 'to', constraint: 'max', params: ['2025-01-01'] },
    ]);
    expect(checkPeriod({ from: '2024-01-01', to: '2025-01-02' }, 'day', ZONE)).toEqual([
      { field: 'to', constraint: 'max', params: ['2025-01-01'] },
    ]);
    expect(checkPeriod({ from: '1999-12-01', to: '2000-02-01' }, 'month', ZONE)).toEqual([
      { field: 'from', constraint: 'min', params: ['2000-01-01'] },
    ]);
    expect(checkPeriod({ from: '2025-02-30', to: '2025-13-01' }, 'month', ZONE)).toEqual([
      { field: 'from', constraint: 'isDateString' },
      { field: 'to', constraint: 'isDateString' },
    ]);
  });

  it('a leap year by day is allowed (366 days)', () => {
    expect(Array.isArray(checkPeriod({ from: '2024-01-01', to: '2025-01-01' }, 'day', ZONE))).toBe(false);
  });

  it('years: inverted or longer than five years are refused', () => {
    expect(checkYears({ fromYear: 2025, toYear: 2024 }, ZONE)).toEqual([
      { field: 'toYear', constraint: 'min', params: [2025] },
    ]);
    expect(checkYears({ fromYear: 2020, toYear: 2025 }, ZONE)).toEqual([
      { field: 'toYear', constraint: 'max', params: [2024] },
    ]);
    expect(checkYears({ fromYear: 2020, toYear: 2024 }, ZONE)).toEqual({
      from: new Date('2020-01-01T03:00:00.000Z'),
      to: new Date('2025-01-01T03:00:00.000Z'),
    });
  });
});
