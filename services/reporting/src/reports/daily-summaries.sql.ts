import { kpiDailyRebuild } from './kpi-daily.sql.js';
import { productivityDailyRebuild } from './productivity-daily.sql.js';
import { recurringDailyRebuild } from './recurring-daily.sql.js';

/**
 * Empties every daily pre-aggregate of the fact table (kpi_daily, productivity_daily, recurring_daily) and
 * fills it again from the facts in `$1`'s local days; kpi_daily's last, as it records the zone.
 */
export function dailySummariesRebuild(schema: string): string[] {
  return [...productivityDailyRebuild(schema), ...recurringDailyRebuild(schema), ...kpiDailyRebuild(schema)];
}
