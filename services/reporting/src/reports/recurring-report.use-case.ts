import { Injectable } from '@nestjs/common';
import { ReportLimits, type RecurringReportQueryV1, type RecurringReportV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { reportScopeOf } from './report-access.js';
import { checkPeriod } from './report-period.js';
import { ReportingSettings } from './reporting-settings.js';
import { TicketFactsRepository } from './ticket-facts.repository.js';

const DEFAULT_MIN_COUNT = 2;
const DEFAULT_LIMIT = 20;

/** docs/domain.md § Post-assistance evaluation: incidents that repeat within the period, by category, requester or jurisdiction. */
@Injectable()
export class RecurringReportUseCase {
  constructor(
    private readonly facts: TicketFactsRepository,
    private readonly settings: ReportingSettings,
  ) {}

  async report(query: RecurringReportQueryV1): Promise<RecurringReportV1> {
    const scope = reportScopeOf(query.actor);
    // The granularity only splits KPI reports; any period within the general limits is fine here.
    const period = checkPeriod(query, 'month', this.settings.timeZone);
    if (Array.isArray(period)) throw ServiceError.validation(period);
    const minCount = query.minCount ?? DEFAULT_MIN_COUNT;
    const rows = await this.facts.recurring({
      from: period.from,
      to: period.to,
      fromDay: query.from,
      toDay: query.to,
      by: query.by,
      minCount,
      scope,
      limit: Math.min(query.limit ?? DEFAULT_LIMIT, ReportLimits.recurringPageSize),
    });
    return {
      from: query.from,
      to: query.to,
      by: query.by,
      minCount,
      scope,
      items: rows.map((row, i) => ({
        rank: i + 1,
        key: row.key,
        incidents: row.incidents,
        firstAt: row.firstAt.toISOString(),
        lastAt: row.lastAt.toISOString(),
        latestNumbers: row.latestNumbers,
      })),
    };
  }
}
