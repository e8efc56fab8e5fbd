import { lastEndedPeriod } from './scheduled-period.js';

const zone = 'America/Argentina/Buenos_Aires';

describe('lastEndedPeriod', () => {
  it('takes the local day, not the UTC one', () => {
    // 01:30 UTC on 5 March is 22:30 on 4 March in Buenos Aires (UTC−3): 4 March has not ended yet.
    expect(lastEndedPeriod(new Date('2025-03-05T01:30:00Z'), 'day', zone)).toEqual({
      start: '2025-03-03',
      end: '2025-03-04',
    });
    expect(lastEndedPeriod(new Date('2025-03-05T03:00:00Z'), 'day', zone)).toEqual({
      start: '2025-03-04',
      end: '2025-03-05',
    });
  });

  it('gives last week, Monday to Sunday', () => {
    // Wednesday 12 March 2025.
    expect(lastEndedPeriod(new Date('2025-03-12T15:00:00Z'), 'week', zone)).toEqual({
      start: '2025-03-03',
      end: '2025-03-10',
    });
  });

  it('gives last month, across a year', () => {
    expect(lastEndedPeriod(new Date('2025-01-01T12:00:00Z'), 'month', zone)).toEqual({
      start: '2024-12-01',
      end: '2025-01-01',
    });
    expect(lastEndedPeriod(new Date('2025-03-31T23:00:00Z'), 'month', zone)).toEqual({
      start: '2025-02-01',
      end: '2025-03-01',
    });
  });
});
