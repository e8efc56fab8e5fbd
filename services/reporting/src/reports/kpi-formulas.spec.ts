import { buildKpiRows, compliance, openAtEnds, roundMinutes, share } from './kpi-formulas.js';
import type { KpiAggregates } from './ticket-facts.repository.js';

describe('KPI formulas', () => {
  it('share: part over whole to 4 decimals, null with nothing to divide by', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(2, 3)).toBe(0.6667);
    expect(share(0, 5)).toBe(0);
    expect(share(0, 0)).toBeNull();
  });

  it('minutes are rounded to one decimal', () => {
    expect(roundMinutes(12.34)).toBe(12.3);
    expect(roundMinutes(12.35)).toBe(12.4);
    expect(roundMinutes(null)).toBeNull();
  });

  it('open at each end is a running balance from the tickets open at the start', () => {
    // 5 open; +3 −1 = 7; +0 −4 = 3; +2 −2 = 3
    expect(openAtEnds(5, [3, 0, 2], [1, 4, 2])).toEqual([7, 3, 3]);
  });

  it('SLA compliance is met over measured', () => {
    expect(compliance(3, 4)).toEqual({ measured: 4, met: 3, compliance: 0.75 });
    expect(compliance(0, 0)).toEqual({ measured: 0, met: 0, compliance: null });
  });

  it('builds one row per period and value, zeros where nothing happened', () => {
    const none = { average: null, p50: null, p90: null };
    const aggregates: KpiAggregates = {
      opened: [
        { bucket: '2025-01-01', value: 'L1', opened: 4, calls: 3 },
        { bucket: '2025-02-01', value: 'UIT', opened: 1, calls: 0 },
      ],
      responded: [],
      merged: [],
      closed: [
        {
          bucket: '2025-01-01',
          value: 'L1',
          closed: 2,
          resolved: 2,
          business: { average: 30, p50: 30, p90: 46 },
          calendar: none,
          resolutionMet: 1,
          incidents: 2,
          incidentsAtL1: 1,
          queries: 0,
          queriesAtL1: 0,
          surveyed: 1,
        },
      ],
      surveys: [{ bucket: '2025-02-01', value: 'L1', satisfecho: 2, regular: 1, insatisfecho: 1 }],
      overdue: [],
      openAtStart: [{ value: 'UIT', open: 2 }],
    };
    const periods = [
      { key: '2025-01-01', start: '2025-01-15', end: '2025-02-01' },
      { key: '2025-02-01', start: '2025-02-01', end: '2025-03-01' },
    ];
    const rows = buildKpiRows(periods, aggregates);
    expect(rows.map((r) => [r.period, r.dimensionValue, r.opened, r.closed, r.openAtEnd])).toEqual([
      ['2025-01-15', 'L1', 4, 2, 2],
      ['2025-01-15', 'UIT', 0, 0, 2],
      ['2025-02-01', 'L1', 0, 0, 2],
      ['2025-02-01', 'UIT', 1, 0, 3],
    ]);
    expect(rows[0]).toMatchObject({
      callsHandled: 3,
      incidentsClosedAtL1Share: 0.5,
      resolution: { count: 2, business: { average: 30, p50: 30, p90: 46 } },
      satisfaction: { responseRate: 0.5 },
      sla: { resolution: { measured: 2, met: 1, compliance: 0.5 } },
    });
    expect(rows[2]!.satisfaction).toEqual({
      answered: 4,
      satisfecho: 2,
      regular: 1,
      insatisfecho: 1,
      satisfechoShare: 0.5,
      regularShare: 0.25,
      insatisfechoShare: 0.25,
      responseRate: null,
    });
  });
});
