import { Module, type DynamicModule } from '@nestjs/common';
import { Clock } from './clock.js';
import { ClosureReportHandler } from './closure/closure-report.handler.js';
import { GetServiceLevelUseCase } from './sla/get-service-level.use-case.js';
import { ClosureReportRepository } from './closure/closure-report.repository.js';
import { GetClosureReportUseCase } from './closure/get-closure-report.use-case.js';
import { ResolutionSettings } from './config/resolution-settings.js';
import { AcceptSolutionUseCase } from './lifecycle/commands/accept-solution.use-case.js';
import { AnswerSurveyUseCase } from './lifecycle/commands/answer-survey.use-case.js';
import { AssignTicketUseCase } from './lifecycle/commands/assign-ticket.use-case.js';
import { CommentOnTicketUseCase } from './lifecycle/commands/comment-on-ticket.use-case.js';
import { EstimateTicketUseCase } from './lifecycle/commands/estimate-ticket.use-case.js';
import { MergeTicketUseCase } from './lifecycle/commands/merge-ticket.use-case.js';
import { RelateTicketsUseCase } from './lifecycle/commands/relate-tickets.use-case.js';
import { LogWorkUseCase } from './lifecycle/commands/log-work.use-case.js';
import { RegisterSolutionUseCase } from './lifecycle/commands/register-solution.use-case.js';
import { ReopenTicketUseCase } from './lifecycle/commands/reopen-ticket.use-case.js';
import { ResumeWorkUseCase } from './lifecycle/commands/resume-work.use-case.js';
import { ReviewSolutionUseCase } from './lifecycle/commands/review-solution.use-case.js';
import { SubmitForReviewUseCase } from './lifecycle/commands/submit-for-review.use-case.js';
import { TakeTicketUseCase } from './lifecycle/commands/take-ticket.use-case.js';
import { WaitOnRequesterUseCase } from './lifecycle/commands/wait-on-requester.use-case.js';
import { SurveyLinkUseCase } from './lifecycle/commands/survey-link.use-case.js';
import { SurveyLinkHandler } from './lifecycle/survey-link.handler.js';
import { LifecycleCommandsHandler } from './lifecycle/lifecycle-commands.handler.js';
import { TicketCommandRunner } from './lifecycle/ticket-command-runner.js';
import { TicketJournal } from './lifecycle/ticket-journal.js';
import { CalendarRepository } from './sla/calendar.repository.js';
import { CalendarsHandler } from './sla/calendars.handler.js';
import { GetCalendarsUseCase } from './sla/get-calendars.use-case.js';
import { CalendarAnnouncer } from './sla/calendar-announcer.js';
import { ManageHolidaysUseCase } from './sla/manage-holidays.use-case.js';
import { SaveCalendarUseCase } from './sla/save-calendar.use-case.js';
import { GetSlaPoliciesUseCase } from './sla/get-sla-policies.use-case.js';
import { ReplaceSlaPoliciesUseCase } from './sla/replace-sla-policies.use-case.js';
import { SlaBreachRepository } from './sla/sla-breach.repository.js';
import { SlaPoliciesHandler } from './sla/sla-policies.handler.js';
import { SlaPolicyRepository } from './sla/sla-policy.repository.js';
import { SlaSchedule } from './sla/sla-schedule.js';
import { SlaSweeper } from './sla/sla-sweeper.js';
import { ServiceLevelAnnouncer } from './sla/service-level-announcer.js';
import { RecordDerivationUseCase } from './tickets/record-derivation.use-case.js';
import { RecordReclassificationUseCase } from './tickets/record-reclassification.use-case.js';
import { FieldAttentionRepository } from './field/field-attention.repository.js';
import { RecordFieldAttentionUseCase } from './field/record-field-attention.use-case.js';
import { RecordRegistrationUseCase } from './tickets/record-registration.use-case.js';
import { RecordRoutingUseCase } from './tickets/record-routing.use-case.js';
import { EventBatchWork } from './tickets/event-batch-work.js';
import { RoutingLocator } from './tickets/routing-locator.js';
import { SurveyRepository } from './tickets/survey.repository.js';
import { CommentRepository } from './tickets/comment.repository.js';
import { TicketHistoryRepository } from './tickets/ticket-history.repository.js';
import { TicketLinkRepository } from './tickets/ticket-link.repository.js';
import { TicketRepository } from './tickets/ticket.repository.js';
import { ManageProblemsUseCase } from './problems/manage-problems.use-case.js';
import { ProblemRepository } from './problems/problem.repository.js';
import { ProblemsHandler } from './problems/problems.handler.js';

export interface ResolutionModuleOptions {
  /** Where the settings are read from (the same environment the service starts with). */
  env: NodeJS.ProcessEnv;
  clock: Clock;
}

@Module({})
export class ResolutionModule {
  static register(options: ResolutionModuleOptions): DynamicModule {
    return {
      module: ResolutionModule,
      controllers: [
        LifecycleCommandsHandler,
        SurveyLinkHandler,
        ClosureReportHandler,
        SlaPoliciesHandler,
        CalendarsHandler,
        ProblemsHandler,
      ],
      providers: [
        GetServiceLevelUseCase,
        { provide: Clock, useValue: options.clock },
        // A factory, so a bad setting fails the start (with its variable named) rather than the import.
        { provide: ResolutionSettings, useFactory: () => ResolutionSettings.fromEnv(options.env) },
        TicketRepository,
        TicketHistoryRepository,
        SurveyRepository,
        ClosureReportRepository,
        SlaPolicyRepository,
        CalendarRepository,
        SlaBreachRepository,
        RoutingLocator,
        TicketCommandRunner,
        TicketJournal,
        SlaSchedule,
        ServiceLevelAnnouncer,
        CalendarAnnouncer,
        SlaSweeper,
        RecordRegistrationUseCase,
        RecordRoutingUseCase,
        EventBatchWork,
        RecordDerivationUseCase,
        RecordReclassificationUseCase,
        FieldAttentionRepository,
        RecordFieldAttentionUseCase,
        TakeTicketUseCase,
        AssignTicketUseCase,
        EstimateTicketUseCase,
        LogWorkUseCase,
        RegisterSolutionUseCase,
        SubmitForReviewUseCase,
        ReviewSolutionUseCase,
        ReopenTicketUseCase,
        WaitOnRequesterUseCase,
        ResumeWorkUseCase,
        AnswerSurveyUseCase,
        AcceptSolutionUseCase,
        SurveyLinkUseCase,
        CommentRepository,
        CommentOnTicketUseCase,
        GetClosureReportUseCase,
        GetSlaPoliciesUseCase,
        ReplaceSlaPoliciesUseCase,
        GetCalendarsUseCase,
        ManageHolidaysUseCase,
        SaveCalendarUseCase,
        TicketLinkRepository,
        RelateTicketsUseCase,
        MergeTicketUseCase,
        ProblemRepository,
        ManageProblemsUseCase,
      ],
    };
  }
}
