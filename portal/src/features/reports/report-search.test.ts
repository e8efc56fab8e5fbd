import { describe, expect, it } from 'vitest';
import { formatCount, formatDelta, formatShare, periodLabel } from './report-format';
import {
  isDay,
  parseReportSearch,
  parseYearlySearch,
  periodAllowed,
  previousPeriod,
  resolvePeriod,
  resolveYears,
  seriesGranularity,
  shiftPeriod,
  trendOf,
} from './report-search';

describe('the dashboard URL', () => {
  it('keeps what it can read and drops the rest', () => {
    expect(parseReportSearch({ period: 'week', date: '2025-03-05', dimension: 'area', by: 'requester' })).toEqual({
      period: 'week',
      date: '2025-03-05',
      from: undefined,
      to: undefined,
      dimension: 'area',
      by: 'requester',
    });
    expect(parseReportSearch({ period: 'decade', date: '2025-02-30', dimension: 'technician', by: 7 })).toEqual({
      period: undefined,
      date: undefined,
      from: undefined,
      to: undefined,
      dimension: undefined,
      by: undefined,
    });
    expect(parseReportSearch({ date: '1999-12-31' }).date).toBeUndefined();
    expect(parseReportSearch({ date: ['2025-01-01'] }).date).toBeUndefined();
  });

  it('takes a custom period only whole, in order and within five years', () => {
    expect(parseReportSearch({ period: 'custom', from: '2025-01-10', to: '2025-02-01' })).toMatchObject({
      period: 'custom',
      from: '2025-01-10',
      to: '2025-02-01',
    });
    for (const bad of [
      { from: '2025-02-01', to: '2025-01-10' },
      { from: '2025-01-10', to: '2025-01-10' },
      { from: '2025-01-10' },
      { from: '2019-01-01', to: '2025-01-01' },
      { from: '2025-01-10', to: 'mañana' },
    ]) {
      expect(parseReportSearch({ period: 'custom', ...bad })).toMatchObject({
        period: undefined,
        from: undefined,
        to: undefined,
      });
    }
    // Dates without the custom period are dropped too.
    expect(parseReportSearch({ period: 'month', from: '2025-01-10', to: '2025-02-01' }).from).toBeUndefined();
  });

  it('recognises only real days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-1-01')).toBe(false);
    expect(isDay(20250101)).toBe(false);
  });
});

describe('periods', () => {
  const today = '2025-03-05'; // a Wednesday

  it('resolves each preset around the date (this month by default)', () => {
    expect(resolvePeriod({}, today)).toEqual({
      preset: 'month',
      from: '2025-03-01',
      to: '2025-04-01',
      granularity: 'day',
    });
    expect(resolvePeriod({ period: 'day' }, today)).toMatchObject({ from: '2025-03-05', to: '2025-03-06' });
    expect(resolvePeriod({ period: 'week' }, today)).toMatchObject({ from: '2025-03-03', to: '2025-03-10' });
    expect(resolvePeriod({ period: 'week', date: '2025-03-09' }, today)).toMatchObject({ from: '2025-03-03' });
    expect(resolvePeriod({ period: 'month', date: '2025-12-31' }, today)).toMatchObject({
      from: '2025-12-01',
      to: '2026-01-01',
    });
    expect(resolvePeriod({ period: 'year' }, today)).toEqual({
      preset: 'year',
      from: '2025-01-01',
      to: '2026-01-01',
      granularity: 'week',
    });
    expect(resolvePeriod({ period: 'custom', from: '2020-01-01', to: '2025-01-01' }, today).granularity).toBe('month');
    expect(resolvePeriod({ period: 'custom' }, today)).toMatchObject({ preset: 'month', from: '2025-03-01' });
  });

  it('charts by day up to two months, by week up to a year, by month beyond', () => {
    expect(seriesGranularity('2025-01-01', '2025-03-04')).toBe('day');
    expect(seriesGranularity('2025-01-01', '2025-03-05')).toBe('week');
    expect(seriesGranularity('2024-01-01', '2025-01-01')).toBe('week');
    expect(seriesGranularity('2024-01-01', '2025-01-02')).toBe('month');
  });

  it('compares with the period of equal length just before', () => {
    expect(previousPeriod({ from: '2025-03-01', to: '2025-04-01' })).toEqual({ from: '2025-01-29', to: '2025-03-01' });
    expect(previousPeriod({ from: '2025-03-03', to: '2025-03-10' })).toEqual({ from: '2025-02-24', to: '2025-03-03' });
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-02' })).toEqual({ from: '2024-02-29', to: '2024-03-01' });
  });

  it('steps to the next or previous period', () => {
    expect(shiftPeriod(resolvePeriod({ period: 'month' }, today), -1)).toEqual({ period: 'month', date: '2025-02-28' });
    expect(shiftPeriod(resolvePeriod({ period: 'year' }, today), 1)).toEqual({ period: 'year', date: '2026-01-01' });
    expect(shiftPeriod(resolvePeriod({ period: 'custom', from: '2025-01-10', to: '2025-01-20' }, today), 1)).toEqual({
      period: 'custom',
      from: '2025-01-20',
      to: '2025-01-30',
    });
    expect(periodAllowed({ period: 'year', date: '2101-01-01' }, today)).toBe(false);
    expect(periodAllowed({ period: 'day', date: '1999-12-31' }, today)).toBe(false);
    expect(periodAllowed({ period: 'day', date: '2000-01-01' }, today)).toBe(true);
  });

  it('measures trends', () => {
    expect(trendOf(12, 9)).toEqual({ delta: 3, direction: 'up' });
    expect(trendOf(0.5, 0.6667)).toEqual({ delta: -0.1667, direction: 'down' });
    expect(trendOf(4, 4)).toEqual({ delta: 0, direction: 'same' });
    expect(trendOf(null, 4)).toEqual({ delta: null, direction: 'unknown' });
  });
});

describe('the yearly report URL', () => {
  it('takes up to five years in order, else the last five', () => {
    expect(parseYearlySearch({ fromYear: '2021', toYear: 2025 })).toEqual({ fromYear: 2021, toYear: 2025 });
    expect(parseYearlySearch({ fromYear: 2020, toYear: 2025 })).toEqual({});
    expect(parseYearlySearch({ fromYear: 2025, toYear: 2024 })).toEqual({});
    expect(parseYearlySearch({ fromYear: 1999, toYear: 2001 })).toEqual({});
    expect(parseYearlySearch({ fromYear: '20x1', toYear: 2021 })).toEqual({});
    expect(resolveYears({}, '2026-12-04')).toEqual({ fromYear: 2022, toYear: 2026 });
    expect(resolveYears({}, '2002-06-01')).toEqual({ fromYear: 2000, toYear: 2002 });
    expect(resolveYears({ fromYear: 2023, toYear: 2023 }, '2026-12-04')).toEqual({ fromYear: 2023, toYear: 2023 });
  });
});

describe('report numbers', () => {
  it('formats counts, shares and changes in each language', () => {
    expect(formatCount(1234, 'es')).toBe('1.234');
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(formatShare(0.6667, 'es')).toMatch(/^66,7\s?%$/);
    expect(formatShare(null, 'es')).toBe('—');
    const units = { points: 'pp', minutes: 'min' };
    expect(formatDelta(-0.1667, 'share', 'es', units)).toBe('−16,7 pp');
    expect(formatDelta(3, 'count', 'en', units)).toBe('+3');
    expect(formatDelta(12.5, 'minutes', 'en', units)).toBe('+12.5 min');
    expect(formatDelta(0, 'count', 'es', units)).toBe('=');
    expect(formatDelta(null, 'count', 'es', units)).toBe('—');
    expect(periodLabel('2025-03-05', 'day')).toBe('05/03');
    expect(periodLabel('2025-03-01', 'month')).toBe('03/2025');
  });
});
