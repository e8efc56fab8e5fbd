import { Injectable } from '@nestjs/common';
import type { ProblemsReportQueryV1, ProblemsReportV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { reportScopeOf } from '../reports/report-access.js';
import { checkPeriod } from '../reports/report-period.js';
import { ReportingSettings } from '../reports/reporting-settings.js';
import { ProblemsRepository } from './problems.repository.js';

/**
 * Post-assistance evaluation (docs/domain.md) in the reports: the open problem records and the incidents of each. Problems are staff's
 * (resolution shows them to no referente), so a referente's jurisdiction scope is refused here.
 */
@Injectable()
export class ProblemsReportUseCase {
  constructor(
    private readonly problems: ProblemsRepository,
    private readonly settings: ReportingSettings,
  ) {}

  async report(query: ProblemsReportQueryV1): Promise<ProblemsReportV1> {
    const scope = reportScopeOf(query.actor);
    if (scope?.dimension === 'jurisdiction') {
      throw ServiceError.forbidden({ code: 'problem.read-staff-only' });
    }
    const period = checkPeriod(query, 'month', this.settings.timeZone);
    if (Array.isArray(period)) throw ServiceError.validation(period);
    const found = await this.problems.openProblems({ from: period.from, to: period.to, area: scope?.value ?? null });
    return { from: query.from, to: query.to, scope, ...found };
  }
}
