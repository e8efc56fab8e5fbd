import { Module } from '@nestjs/common';
import { ProblemsProjection } from './problems/problems.projection.js';
import { ProblemsReportUseCase } from './problems/problems-report.use-case.js';
import { ProblemsRepository } from './problems/problems.repository.js';
import { EventReplay } from './rebuild/event-replay.js';
import { RebuildReadModelsUseCase } from './rebuild/rebuild-read-models.use-case.js';
import { RebuildHandler } from './rebuild/rebuild.handler.js';
import { RebuildRepository } from './rebuild/rebuild.repository.js';
import { ManageSchedulesUseCase } from './schedules/manage-schedules.use-case.js';
import { ReportScheduleRepository } from './schedules/report-schedule.repository.js';
import { ReportScheduler } from './schedules/report-scheduler.js';
import { SchedulesHandler } from './schedules/schedules.handler.js';
import { SendScheduledReportsUseCase } from './schedules/send-scheduled-reports.use-case.js';
import { KpiReportUseCase } from './reports/kpi-report.use-case.js';
import { ProductivityReportUseCase } from './reports/productivity-report.use-case.js';
import { ProductivityRepository } from './reports/productivity.repository.js';
import { RecurringReportUseCase } from './reports/recurring-report.use-case.js';
import { ReportQueriesHandler } from './reports/report-queries.handler.js';
import { ReportingSettings } from './reports/reporting-settings.js';
import { TicketFactsProjection } from './reports/ticket-facts.projection.js';
import { TicketFactsRepository } from './reports/ticket-facts.repository.js';
import { YearlyReportUseCase } from './reports/yearly-report.use-case.js';
import { StepTimesHandler } from './step-times/step-times.handler.js';
import { StepTimesProjection } from './step-times/step-times.projection.js';
import { StepTimesRepository } from './step-times/step-times.repository.js';
import { StepTargetsUseCase, StepTimesReportUseCase } from './step-times/step-times.use-cases.js';
import { GetTicketUseCase } from './tickets/get-ticket.use-case.js';
import { ListTicketsUseCase } from './tickets/list-tickets.use-case.js';
import { TicketQueriesHandler } from './tickets/ticket-queries.handler.js';
import { TicketViewProjection } from './tickets/ticket-view.projection.js';
import { TicketViewRepository } from './tickets/ticket-view.repository.js';

@Module({
  controllers: [TicketQueriesHandler, ReportQueriesHandler, RebuildHandler, SchedulesHandler, StepTimesHandler],
  providers: [
    // A factory, so a bad CAU_TIME_ZONE fails the start with its variable named.
    { provide: ReportingSettings, useFactory: () => ReportingSettings.fromEnv(process.env) },
    TicketViewRepository,
    TicketViewProjection,
    TicketFactsRepository,
    TicketFactsProjection,
    GetTicketUseCase,
    ListTicketsUseCase,
    KpiReportUseCase,
    RecurringReportUseCase,
    YearlyReportUseCase,
    ProductivityRepository,
    ProductivityReportUseCase,
    RebuildRepository,
    EventReplay,
    RebuildReadModelsUseCase,
    ReportScheduleRepository,
    ManageSchedulesUseCase,
    SendScheduledReportsUseCase,
    ReportScheduler,
    StepTimesRepository,
    StepTimesProjection,
    StepTimesReportUseCase,
    StepTargetsUseCase,
    ProblemsRepository,
    ProblemsProjection,
    ProblemsReportUseCase,
  ],
})
export class ReportingModule {}
