import { Injectable } from '@nestjs/common';
import { ReportLimits, type KpiReportQueryV1, type KpiReportV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { buildKpiRows } from './kpi-formulas.js';
import { reportScopeOf } from './report-access.js';
import { checkPeriod } from './report-period.js';
import { ReportingSettings } from './reporting-settings.js';
import { TicketFactsRepository } from './ticket-facts.repository.js';

@Injectable()
export class KpiReportUseCase {
  constructor(
    private readonly facts: TicketFactsRepository,
    private readonly settings: ReportingSettings,
  ) {}

  async report(query: KpiReportQueryV1): Promise<KpiReportV1> {
    const scope = reportScopeOf(query.actor);
    const zone = this.settings.timeZone;
    const period = checkPeriod(query, query.granularity, zone);
    if (Array.isArray(period)) throw ServiceError.validation(period);
    const dimension = query.dimension ?? null;
    // The daily pre-aggregate holds one dimension at a time: within an area or a jurisdiction, only its own.
    if (scope && dimension !== null && dimension !== scope.dimension) {
      throw ServiceError.forbidden({
        code: 'reporting.scope-breakdown',
        params: { dimension: scope.dimension, value: scope.value, breakdown: dimension },
      });
    }
    const aggregates = await this.facts.kpiAggregates({
      fromDay: period.periods[0]!.start,
      toDay: period.periods.at(-1)!.end,
      granularity: query.granularity,
      dimension,
      scope,
    });
    const rows = buildKpiRows(period.periods, aggregates);
    if (rows.length > ReportLimits.kpiRows) {
      // Known only once the dimension's values are counted: ask for a coarser granularity or shorter period.
      throw ServiceError.validation([{ field: 'rows', constraint: 'arrayMaxSize', params: [ReportLimits.kpiRows] }]);
    }
    return {
      from: query.from,
      to: query.to,
      granularity: query.granularity,
      dimension,
      scope,
      timeZone: zone,
      rows,
    };
  }
}
