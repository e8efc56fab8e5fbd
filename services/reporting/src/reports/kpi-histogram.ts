/*
 * The fixed buckets of kpi_daily's duration histograms (SQL function kpi_bucket, migration
 * 1763800006300) and the percentiles read from them. Buckets are [lower, lower + width): one minute below
 * 1 h, 10 min below 8 h, 1 h below 2 days, 6 h below 14 days, 1 day below 60 days, then a last bucket.
 */

/** Bucket counts by bucket number, as kpi_daily stores them. */
export type Histogram = Readonly<Record<string, number>>;

const RANGES = [
  { first: 0, lower: 0, width: 1 },
  { first: 60, lower: 60, width: 10 },
  { first: 102, lower: 480, width: 60 },
  { first: 142, lower: 2880, width: 360 },
  { first: 190, lower: 20160, width: 1440 },
  { first: 236, lower: 86400, width: 0 },
] as const;

/** The bucket of a duration, as kpi_bucket computes it. */
export function bucketOf(minutes: number): number {
  for (let i = RANGES.length - 1; i >= 0; i--) {
    const r = RANGES[i]!;
    if (minutes >= r.lower) return r.width === 0 ? r.first : r.first + Math.floor((minutes - r.lower) / r.width);
  }
  return 0;
}

export function bucketBounds(bucket: number): { lower: number; width: number } {
  for (let i = RANGES.length - 1; i >= 0; i--) {
    const r = RANGES[i]!;
    if (bucket >= r.first) return { lower: r.lower + (bucket - r.first) * r.width, width: r.width };
  }
  return { lower: 0, width: 1 };
}

/** Number of buckets: 0 … 236. */
export const BUCKET_COUNT = 237;

/** Adds a stored histogram into dense counts (index = bucket). */
export function addHistogram(into: Float64Array, from: Histogram): void {
  for (const bucket in from) into[Number(bucket)]! += from[bucket]!;
}

/**
 * The continuous percentile (PostgreSQL's percentile_cont: linear interpolation between the two nearest
 * values) of the durations a histogram counts, each value taken as spread evenly from its bucket's lower
 * bound: exact for values on a bucket's lower bound, otherwise off by less than the bucket's width.
 */
export function histogramPercentile(histogram: Histogram, p: number): number | null {
  const counts = new Float64Array(BUCKET_COUNT);
  addHistogram(counts, histogram);
  return densePercentile(counts, p);
}

/** histogramPercentile on dense counts (index = bucket). */
export function densePercentile(counts: ArrayLike<number>, p: number): number | null {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  if (n <= 0) return null;
  const rank = p * (n - 1);
  const below = Math.floor(rank);
  const lower = valueAt(counts, below);
  if (rank === below) return lower;
  return lower + (rank - below) * (valueAt(counts, below + 1) - lower);
}

/** The k-th smallest value (0-based) the histogram stands for. */
function valueAt(counts: ArrayLike<number>, k: number): number {
  let seen = 0;
  let last = 0;
  for (let bucket = 0; bucket < counts.length; bucket++) {
    const count = counts[bucket]!;
    if (count <= 0) continue;
    last = bucket;
    if (k < seen + count) {
      const { lower, width } = bucketBounds(bucket);
      return lower + ((k - seen) / count) * width;
    }
    seen += count;
  }
  return bucketBounds(last).lower;
}
