import { Injectable } from '@nestjs/common';
import type { YearlyReportQueryV1, YearlyReportV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { reportScopeOf } from './report-access.js';
import { checkYears } from './report-period.js';
import { ReportingSettings } from './reporting-settings.js';
import { TicketFactsRepository } from './ticket-facts.repository.js';

/** The yearly figures of docs/domain.md § Reports (from EDOMEX-CAU): tickets, services rendered, administrative units served. */
@Injectable()
export class YearlyReportUseCase {
  constructor(
    private readonly facts: TicketFactsRepository,
    private readonly settings: ReportingSettings,
  ) {}

  async report(query: YearlyReportQueryV1): Promise<YearlyReportV1> {
    const scope = reportScopeOf(query.actor);
    const zone = this.settings.timeZone;
    const range = checkYears(query, zone);
    if (Array.isArray(range)) throw ServiceError.validation(range);
    const rows = new Map(
      (
        await this.facts.yearly({ fromDay: `${query.fromYear}-01-01`, toDay: `${query.toYear + 1}-01-01`, scope, zone })
      ).map((r) => [r.year, r]),
    );
    const years = [];
    // Every year asked for is listed, with zeros when nothing happened in it.
    for (let year = query.fromYear; year <= query.toYear; year++) {
      years.push(rows.get(year) ?? { year, tickets: 0, services: 0, jurisdictionsServed: 0 });
    }
    return { timeZone: zone, scope, years };
  }
}
