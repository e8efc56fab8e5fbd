import { bucketBounds, bucketOf, histogramPercentile } from './kpi-histogram.js';

const histogramOf = (values: number[]) => {
  const h: Record<string, number> = {};
  for (const v of values) h[bucketOf(v)] = (h[bucketOf(v)] ?? 0) + 1;
  return h;
};

describe('KPI duration histograms', () => {
  it('puts durations in the buckets kpi_bucket uses', () => {
    expect([0, 30.4, 59.9, 60, 125, 480, 2879, 2880, 20160, 86399, 86400, 1e9].map(bucketOf)).toEqual([
      0, 30, 59, 60, 66, 102, 141, 142, 190, 235, 236, 236,
    ]);
    expect(bucketBounds(66)).toEqual({ lower: 120, width: 10 });
    expect(bucketBounds(142)).toEqual({ lower: 2880, width: 360 });
  });

  it('gives percentile_cont exactly for values on bucket bounds', () => {
    // 100, 360, 600 → p50 360, p90 360 + 0.8 × 240 = 552 (docs/indicators.md).
    expect(histogramPercentile(histogramOf([100, 360, 600]), 0.5)).toBe(360);
    expect(histogramPercentile(histogramOf([100, 360, 600]), 0.9)).toBeCloseTo(552);
    expect(histogramPercentile(histogramOf([30, 120]), 0.9)).toBeCloseTo(111);
    expect(histogramPercentile({}, 0.5)).toBeNull();
  });

  it('stays within a bucket width otherwise', () => {
    // 5000 lies in [4680, 5040): taken as 4680.
    expect(histogramPercentile(histogramOf([200, 1440, 5000]), 0.9)).toBeCloseTo(1440 + 0.8 * (4680 - 1440));
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 3000);
    const sorted = [...values].sort((a, b) => a - b);
    expect(Math.abs(histogramPercentile(histogramOf(values), 0.5)! - sorted[500]!)).toBeLessThan(60);
  });
});
