/**
 * Procedure subjects (see ../subjects.ts for the naming rule). Resolution's ticket commands carry the
 * ticket's current area as a token (`resolution.UIT.ticket.take.v1`), so an instance started for one
 * area (`CAU_AREAS=UIT`) receives only that area's work.
 */
export const RESOLUTION_ACTIONS = [
  'take',
  'assign',
  'estimate',
  'log-work',
  'register-solution',
  'submit',
  'review',
  'reopen',
  'wait-requester',
  'resume',
  'survey',
  'comment',
  'accept',
  'link',
  'unlink',
  'merge',
] as const;
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number];

/** `{area}` is replaced by the area code when the command is sent and when it is subscribed. */
export const AREA_PLACEHOLDER = '{area}';
export function resolutionCommand(action: ResolutionAction): string {
  return `resolution.${AREA_PLACEHOLDER}.ticket.${action}.v1`;
}
export function resolutionCommandFor(action: ResolutionAction, area: string): string {
  return resolutionCommand(action).replace(AREA_PLACEHOLDER, area);
}

/** Queries any resolution instance answers (not area-scoped). */
export const ResolutionQueries = {
  ClosureReport: 'resolution.ticket.closure-report.v1',
  /** The ticket's response and resolution targets (`TicketOnlyCommandV1` → `TicketServiceLevelV1`). */
  TicketServiceLevel: 'resolution.ticket.service-level.v1',
  SlaPolicies: 'resolution.sla.policies.get.v1',
  ReplaceSlaPolicies: 'resolution.sla.policies.replace.v1',
  /** Business calendars with one year's holidays (`CalendarsQueryV1` → `CalendarsV1`). */
  Calendars: 'resolution.sla.calendars.get.v1',
  /** `SaveCalendarCommandV1` → `CalendarSavedV1`: creates or changes a jurisdictions' calendar (administrators). */
  SaveCalendar: 'resolution.sla.calendars.save.v1',
  /** `AddHolidayCommandV1` → `HolidayChangeV1` (administrators). */
  AddHoliday: 'resolution.sla.holidays.add.v1',
  /** `RemoveHolidayCommandV1` → `HolidayChangeV1` (administrators). */
  RemoveHoliday: 'resolution.sla.holidays.remove.v1',
  /** `ImportHolidaysCommandV1` → `HolidayImportResultV1`, all or nothing (administrators). */
  ImportHolidays: 'resolution.sla.holidays.import.v1',
  /** Problem records (docs/domain.md § Post-assistance evaluation), staff only: `ProblemsQueryV1` → `ProblemsV1`. */
  ListProblems: 'resolution.problems.list.v1',
  /** `ProblemRefV1` → `ProblemV1`. */
  GetProblem: 'resolution.problems.get.v1',
  /** `CreateProblemCommandV1` → `ProblemV1`. */
  CreateProblem: 'resolution.problems.create.v1',
  /** `ChangeProblemCommandV1` → `ProblemV1` (fields, status: see problem-rules). */
  ChangeProblem: 'resolution.problems.change.v1',
  /** `AddProblemActionCommandV1` → `ProblemV1`. */
  AddProblemAction: 'resolution.problems.action.v1',
  /** `LinkProblemTicketsCommandV1` → `ProblemV1`: a ticket is in at most one problem. */
  LinkProblemTickets: 'resolution.problems.link.v1',
  /** `UnlinkProblemTicketCommandV1` → `ProblemV1`. */
  UnlinkProblemTicket: 'resolution.problems.unlink.v1',
} as const;
