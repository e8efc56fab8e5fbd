import {
  AcceptSolutionCommandV1,
  AssignTicketCommandV1,
  CommentCommandV1,
  EstimateCommandV1,
  MergeTicketCommandV1,
  ReasonCommandV1,
  RelatedTicketCommandV1,
  ReviewCommandV1,
  SolutionCommandV1,
  SubmitForReviewCommandV1,
  SurveyCommandV1,
  TicketOnlyCommandV1,
  WorkLogCommandV1,
} from '../../procedures/commands.js';
import { defineAreaCommand, defineCommand, defineQuery } from '../define.js';
import {
  AddHolidayCommandV1,
  CalendarsQueryV1,
  ImportHolidaysCommandV1,
  RemoveHolidayCommandV1,
  CalendarSavedV1,
  CalendarsV1,
  HolidayChangeV1,
  HolidayImportResultV1,
  SaveCalendarCommandV1,
} from './calendars.js';
import {
  AddProblemActionCommandV1,
  ChangeProblemCommandV1,
  CreateProblemCommandV1,
  LinkProblemTicketsCommandV1,
  ProblemRefV1,
  ProblemsQueryV1,
  ProblemsV1,
  ProblemV1,
  UnlinkProblemTicketCommandV1,
} from './problems.js';
import { ReplaceSlaPoliciesCommandV1, SlaPoliciesQueryV1, SlaPoliciesV1 } from './sla-policies.js';
import { SurveyLinkAnswerCommandV1, SurveyLinkQueryV1, SurveyLinkStatusV1 } from './survey-link.js';
import { ClosureReportV1, LifecycleStateV1, TicketServiceLevelV1 } from './tickets.js';

export * from './calendars.js';
export * from './problems.js';
export * from './sla-policies.js';
export * from './survey-link.js';
export * from './tickets.js';

/**
 * Everything resolution answers over request/reply. A ticket's lifecycle commands are served per area
 * (`forArea(ResolutionRpc.Take, area)`, the area routing locates the ticket in); the rest is answered by
 * any instance, whatever areas it serves.
 */
export const ResolutionRpc = {
  Take: defineAreaCommand('resolution.{area}.ticket.take.v1', TicketOnlyCommandV1, LifecycleStateV1),
  Assign: defineAreaCommand('resolution.{area}.ticket.assign.v1', AssignTicketCommandV1, LifecycleStateV1),
  Estimate: defineAreaCommand('resolution.{area}.ticket.estimate.v1', EstimateCommandV1, LifecycleStateV1),
  LogWork: defineAreaCommand('resolution.{area}.ticket.log-work.v1', WorkLogCommandV1, LifecycleStateV1),
  RegisterSolution: defineAreaCommand(
    'resolution.{area}.ticket.register-solution.v1',
    SolutionCommandV1,
    LifecycleStateV1,
  ),
  Submit: defineAreaCommand('resolution.{area}.ticket.submit.v1', SubmitForReviewCommandV1, LifecycleStateV1),
  Review: defineAreaCommand('resolution.{area}.ticket.review.v1', ReviewCommandV1, LifecycleStateV1),
  Reopen: defineAreaCommand('resolution.{area}.ticket.reopen.v1', ReasonCommandV1, LifecycleStateV1),
  WaitRequester: defineAreaCommand('resolution.{area}.ticket.wait-requester.v1', ReasonCommandV1, LifecycleStateV1),
  Resume: defineAreaCommand('resolution.{area}.ticket.resume.v1', TicketOnlyCommandV1, LifecycleStateV1),
  Survey: defineAreaCommand('resolution.{area}.ticket.survey.v1', SurveyCommandV1, LifecycleStateV1),
  Comment: defineAreaCommand('resolution.{area}.ticket.comment.v1', CommentCommandV1, LifecycleStateV1),
  Accept: defineAreaCommand('resolution.{area}.ticket.accept.v1', AcceptSolutionCommandV1, LifecycleStateV1),
  Link: defineAreaCommand('resolution.{area}.ticket.link.v1', RelatedTicketCommandV1, LifecycleStateV1),
  Unlink: defineAreaCommand('resolution.{area}.ticket.unlink.v1', RelatedTicketCommandV1, LifecycleStateV1),
  Merge: defineAreaCommand('resolution.{area}.ticket.merge.v1', MergeTicketCommandV1, LifecycleStateV1),

  ClosureReport: defineQuery('resolution.ticket.closure-report.v1', TicketOnlyCommandV1, ClosureReportV1),
  /** The ticket's response and resolution targets. */
  TicketServiceLevel: defineQuery('resolution.ticket.service-level.v1', TicketOnlyCommandV1, TicketServiceLevelV1),

  SlaPolicies: defineQuery('resolution.sla.policies.get.v1', SlaPoliciesQueryV1, SlaPoliciesV1),
  /** Administrators. */
  ReplaceSlaPolicies: defineCommand('resolution.sla.policies.replace.v1', ReplaceSlaPoliciesCommandV1, SlaPoliciesV1),
  /** Business calendars with one year's holidays. */
  Calendars: defineQuery('resolution.sla.calendars.get.v1', CalendarsQueryV1, CalendarsV1),
  /** Creates or changes a jurisdictions' calendar (administrators). */
  SaveCalendar: defineCommand('resolution.sla.calendars.save.v1', SaveCalendarCommandV1, CalendarSavedV1),
  /** Administrators. */
  AddHoliday: defineCommand('resolution.sla.holidays.add.v1', AddHolidayCommandV1, HolidayChangeV1),
  /** Administrators. */
  RemoveHoliday: defineCommand('resolution.sla.holidays.remove.v1', RemoveHolidayCommandV1, HolidayChangeV1),
  /** All or nothing (administrators). */
  ImportHolidays: defineCommand('resolution.sla.holidays.import.v1', ImportHolidaysCommandV1, HolidayImportResultV1),

  /** Problem records (docs/domain.md § Post-assistance evaluation), staff only. */
  ListProblems: defineQuery('resolution.problems.list.v1', ProblemsQueryV1, ProblemsV1),
  GetProblem: defineQuery('resolution.problems.get.v1', ProblemRefV1, ProblemV1),
  CreateProblem: defineCommand('resolution.problems.create.v1', CreateProblemCommandV1, ProblemV1),
  /** Fields and status (see resolution's problem-rules). */
  ChangeProblem: defineCommand('resolution.problems.change.v1', ChangeProblemCommandV1, ProblemV1),
  AddProblemAction: defineCommand('resolution.problems.action.v1', AddProblemActionCommandV1, ProblemV1),
  /** A ticket is in at most one problem. */
  LinkProblemTickets: defineCommand('resolution.problems.link.v1', LinkProblemTicketsCommandV1, ProblemV1),
  UnlinkProblemTicket: defineCommand('resolution.problems.unlink.v1', UnlinkProblemTicketCommandV1, ProblemV1),

  /**
   * The satisfaction survey by link, answered by any instance (the survey changes no area's work). Only the
   * gateway sends them, after verifying the token's signature and expiry.
   */
  SurveyLinkStatus: defineQuery('resolution.survey-link.status.v1', SurveyLinkQueryV1, SurveyLinkStatusV1),
  SurveyLinkAnswer: defineCommand('resolution.survey-link.answer.v1', SurveyLinkAnswerCommandV1, SurveyLinkStatusV1),
};
