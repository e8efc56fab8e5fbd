import { calendarProblems, type BusinessCalendar } from '@cau/business-time';
import { DEFAULT_CALENDAR_CODE, type FieldProblem, type WorkingWindowInputV1 } from '@cau/contracts';

type Week = BusinessCalendar['week'];

/** The windows as the calendar keeps them: per ISO weekday, in order of start. */
export function weekOf(windows: readonly WorkingWindowInputV1[]): Week {
  const week: Week = {};
  for (const window of [...windows].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start))) {
    const day = window.day as 1 | 2 | 3 | 4 | 5 | 6 | 7;
    (week[day] ??= []).push({ start: window.start, end: window.end });
  }
  return week;
}

/**
 * What stops a calendar from counting time: the deployment's own calendar (set by CAU_TIME_ZONE, not
 * here), an unknown zone, windows that end before they start or overlap, a week without working time.
 */
export function calendarInputProblems(code: string, zone: string, week: Week): FieldProblem[] {
  if (code === DEFAULT_CALENDAR_CODE) return [{ field: 'code', constraint: 'deploymentCalendar' }];
  const problems: FieldProblem[] = [];
  const found = calendarProblems({ zone, week, holidays: new Set() });
  if (found.some((problem) => problem.startsWith('unknown time zone'))) {
    problems.push({ field: 'zone', constraint: 'timeZone', params: [zone] });
  }
  const windows = found.filter((problem) => !problem.startsWith('unknown time zone'));
  if (windows.length > 0) problems.push({ field: 'week', constraint: 'workingWindows', params: [windows.join('; ')] });
  return problems;
}
