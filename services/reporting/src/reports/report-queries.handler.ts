import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  KpiReportQueryV1,
  ProblemsReportQueryV1,
  ProductivityReportQueryV1,
  RecurringReportQueryV1,
  ReportQueries,
  YearlyReportQueryV1,
  type KpiReportV1,
  type ProblemsReportV1,
  type ProductivityReportV1,
  type RecurringReportV1,
  type YearlyReportV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
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

  @MessagePattern(ReportQueries.Kpis)
  kpi(@Payload() data: unknown): Promise<KpiReportV1> {
    return this.kpis.report(parseMessage(KpiReportQueryV1, data));
  }

  @MessagePattern(ReportQueries.Recurring)
  recurring(@Payload() data: unknown): Promise<RecurringReportV1> {
    return this.recurringIncidents.report(parseMessage(RecurringReportQueryV1, data));
  }

  @MessagePattern(ReportQueries.Yearly)
  yearly(@Payload() data: unknown): Promise<YearlyReportV1> {
    return this.yearlyFigures.report(parseMessage(YearlyReportQueryV1, data));
  }

  @MessagePattern(ReportQueries.Productivity)
  productivity(@Payload() data: unknown): Promise<ProductivityReportV1> {
    return this.productivityFigures.report(parseMessage(ProductivityReportQueryV1, data));
  }

  @MessagePattern(ReportQueries.Problems)
  problems(@Payload() data: unknown): Promise<ProblemsReportV1> {
    return this.openProblems.report(parseMessage(ProblemsReportQueryV1, data));
  }
}
