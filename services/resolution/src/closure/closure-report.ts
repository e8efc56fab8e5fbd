import type { ByV1, ClosureReportV1, HistoryStepV1 } from '@cau/contracts';
import { businessMinutesBetween, type BusinessCalendar } from '@cau/business-time';
import { INTERNAL_NOTE_STEP, type RegisteredSolution } from '../domain/ticket-record.js';

export interface ClosureFacts {
  ticketId: string;
  number: number;
  title: string | null;
  jurisdiction: string | null;
  priority: string | null;
  registeredAt: Date;
  resolvedAt: Date;
  closedAt: Date;
  closedBy: ByV1;
  solution: RegisteredSolution;
  articleRef: string | null;
  overdue: boolean;
  history: HistoryStepV1[];
}

export function buildClosureReport(facts: ClosureFacts, calendar: BusinessCalendar): ClosureReportV1 {
  const timeToSolution = resolutionTimes(calendar, facts.registeredAt, facts.resolvedAt);
  const reported = facts.solution.downtimeMinutes;
  return {
    ticketId: facts.ticketId,
    number: facts.number,
    title: facts.title,
    jurisdiction: facts.jurisdiction,
    priority: facts.priority,
    registeredAt: facts.registeredAt.toISOString(),
    resolvedAt: facts.resolvedAt.toISOString(),
    closedAt: facts.closedAt.toISOString(),
    closedBy: named(facts.closedBy),
    history: facts.history.map((step) => ({ ...step, by: step.by && named(step.by) })),
    resolution: {
      solution: facts.solution.text,
      elements: facts.solution.elements,
      articleRef: facts.articleRef,
      registeredBy: named(facts.solution.by),
      registeredAt: facts.solution.at.toISOString(),
    },
    timeToSolution,
    timeWithoutService:
      reported !== null
        ? { minutes: reported, basis: 'reported' }
        : { minutes: timeToSolution.calendarMinutes, basis: 'registration-to-solution' },
    workedMinutes: facts.history
      .filter((step) => step.action === 'log-work')
      .reduce((sum, step) => sum + (step.minutes ?? 0), 0),
    overdue: facts.overdue,
  };
}

/**
 * The report as one reader sees it: staff read it whole; the requester and the referente read it
 * without the internal notes (kept in the stored report, so staff still see them after closure).
 */
export function closureReportFor(report: ClosureReportV1, readsInternalNotes: boolean): ClosureReportV1 {
  if (readsInternalNotes) return report;
  return { ...report, history: report.history.filter((step) => step.action !== INTERNAL_NOTE_STEP) };
}

/** Requesters read the report too: it names the people involved, without their addresses. */
function named(by: ByV1): ByV1 {
  return { accountId: by.accountId, name: by.name, role: by.role };
}

/** Whole minutes, as `ticket.closed` carries them. */
export function resolutionTimes(
  calendar: BusinessCalendar,
  registeredAt: Date,
  resolvedAt: Date,
): { businessMinutes: number; calendarMinutes: number } {
  return {
    businessMinutes: Math.round(businessMinutesBetween(calendar, registeredAt, resolvedAt)),
    calendarMinutes: Math.max(0, Math.round((resolvedAt.getTime() - registeredAt.getTime()) / 60_000)),
  };
}
