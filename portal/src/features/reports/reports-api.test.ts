import { describe, expect, it } from 'vitest';
import { dashboardQueries } from './reports-api';

describe('the dashboard reads', () => {
  // The period before is of equal length: 2025's 365 days back from its first.
  it('are the year, the days before, its weeks, the breakdown, recurring incidents, productivity and step times', () => {
    const reads = dashboardQueries(
      { period: 'year', date: '2025-06-30', dimension: 'area' },
      'supervisor',
      '2026-12-05',
    );
    const year = { from: '2025-01-01', to: '2026-01-01' };
    expect(reads.current.queryKey).toEqual(['reports', 'kpis', { ...year, granularity: 'total' }]);
    expect(reads.before.queryKey).toEqual([
      'reports',
      'kpis',
      { from: '2024-01-02', to: '2025-01-01', granularity: 'total' },
    ]);
    expect(reads.series.queryKey).toEqual(['reports', 'kpis', { ...year, granularity: 'week' }]);
    expect(reads.byDimension.queryKey).toEqual([
      'reports',
      'kpis',
      'breakdown',
      { ...year, granularity: 'total', dimension: 'area' },
    ]);
    expect(reads.recurring.queryKey).toEqual(['reports', 'recurring', { ...year, by: 'category' }]);
    expect(reads.productivity.queryKey).toEqual(['reports', 'productivity', year]);
    // The same key the step-times section reads, so the route's prefetch is what it shows.
    expect(reads.stepTimes.queryKey).toEqual(['reports', 'step-times', year]);
  });

  it('break an agent’s area down by nothing, whatever the URL says', () => {
    const reads = dashboardQueries(
      { period: 'month', date: '2025-03-10', dimension: 'channel' },
      'agent',
      '2026-12-05',
    );
    expect(reads.dimension).toBeUndefined();
    expect(reads.byDimensionQuery).toBeNull();
    expect(reads.byDimension.enabled).toBe(false);
  });
});
