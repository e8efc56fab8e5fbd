import { Controller } from '@nestjs/common';
import {
  KpiReportQueryV1,
  ProblemsReportQueryV1,
  ProductivityReportQueryV1,
  RecurringReportQueryV1,
  ReportingRpc,
  YearlyReportQueryV1,
  type KpiReportV1,
  type ProblemsReportV1,
  type ProductivityReportV1,
  type RecurringReportV1,
  type YearlyReportV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { ProblemsReportUseCase } from '../problems/problems-report.use-case.js';
import { KpiReportUseCase } from './kpi-report.use-case.js';
import { ProductivityReportUseCase } from './productivity-report.use-case.js';
import { RecurringReportUseCase } from './recurring-report.use-case.js';
import { YearlyReportUseCase } from './yearly-report.use-case.js';

@Controller()
export class ReportQueriesHandler {
  constructor(
    private readonly kpis: KpiReportUseCase,
    private readonly recurringIncidents: RecurringReportUseCase,
    private readonly yearlyFigures: YearlyReportUseCase,
    private readonly productivityFigures: ProductivityReportUseCase,
    private readonly openProblems: ProblemsReportUseCase,
  ) {}

  @Answers(ReportingRpc.Kpis)
  kpi(request: KpiReportQueryV1): Promise<KpiReportV1> {
    return this.kpis.report(request);
  }

  @Answers(ReportingRpc.Recurring)
  recurring(request: RecurringReportQueryV1): Promise<RecurringReportV1> {
    return this.recurringIncidents.report(request);
  }

  @Answers(ReportingRpc.Yearly)
  yearly(request: YearlyReportQueryV1): Promise<YearlyReportV1> {
    return this.yearlyFigures.report(request);
  }

  @Answers(ReportingRpc.Productivity)
  productivity(request: ProductivityReportQueryV1): Promise<ProductivityReportV1> {
    return this.productivityFigures.report(request);
  }

  @Answers(ReportingRpc.Problems)
  problems(request: ProblemsReportQueryV1): Promise<ProblemsReportV1> {
    return this.openProblems.report(request);
  }
}
