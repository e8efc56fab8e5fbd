import { DateTime } from 'luxon';
import type { ReportGranularity } from '@cau/contracts';

/**
 * The latest period of the granularity that has ended at `now` in the office's zone: yesterday, last week
 * (Monday to Sunday, as the KPI report's weeks) or last month, as local dates (`end` excluded).
 */
export function lastEndedPeriod(
  now: Date,
  granularity: ReportGranularity,
  zone: string,
): { start: string; end: string } {
  const end = DateTime.fromJSDate(now, { zone }).startOf(granularity);
  const start = end.minus({ [`${granularity}s`]: 1 });
  return { start: start.toISODate()!, end: end.toISODate()! };
}
