import type {
  ActorV1,
  Channel,
  FieldProblem,
  Priority,
  TicketFiltersV1,
  TicketStatus,
  TicketType,
} from '@cau/contracts';
import { normalizeEmail } from './ticket-visibility.js';

/** A bound of a date filter: a whole day in the installation's time zone, or an instant. */
export type DateBound = { day: string } | { instant: string };

/** The filters of a list, checked and resolved (the caller's `me`, the clock), ready for the query. */
export interface QueueFilters {
  statuses?: TicketStatus[] | undefined;
  area?: string | undefined;
  priority?: Priority | undefined;
  /** Lower-case e-mail. */
  requesterEmail?: string | undefined;
  jurisdiction?: string | undefined;
  text?: string | undefined;
  /** An account, or null for "nobody has taken it". */
  assignee?: string | null | undefined;
  overdue?: boolean | undefined;
  /** The resolution target falls in (from, to]: not passed yet, and due within the window. */
  dueWithin?: { from: Date; to: Date } | undefined;
  waitingOnRequester?: boolean | undefined;
  type?: TicketType | undefined;
  category?: string | undefined;
  channel?: Channel | undefined;
  registeredFrom?: DateBound | undefined;
  registeredTo?: DateBound | undefined;
  updatedSince?: DateBound | undefined;
}

const HOUR_MS = 3_600_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const boundOf = (value: string | undefined): DateBound | undefined =>
  value === undefined ? undefined : DAY.test(value) ? { day: value } : { instant: value };

/**
 * Resolves the contract's filters for one caller at one moment, or names the fields that cannot be
 * applied. `prefix` is the path of the filters in the request (`filters.`), so refusals name the field as
 * the caller sent it. The contract has checked each value already; what is left are rules across fields.
 */
export function queueFiltersOf(
  filters: TicketFiltersV1,
  actor: ActorV1,
  now: Date,
  prefix: string,
): { ok: true; filters: QueueFilters } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const registeredFrom = boundOf(filters.registeredFrom);
  const registeredTo = boundOf(filters.registeredTo);
  if (registeredFrom && registeredTo && startsAfter(registeredFrom, registeredTo)) {
    problems.push({ field: `${prefix}registeredTo`, constraint: 'dateRange', params: ['registeredFrom'] });
  }
  if (problems.length > 0) return { ok: false, problems };
  const statuses =
    filters.status === undefined
      ? undefined
      : [...new Set(Array.isArray(filters.status) ? filters.status : [filters.status])];
  return {
    ok: true,
    filters: {
      statuses,
      area: filters.area,
      priority: filters.priority,
      requesterEmail: filters.requester === undefined ? undefined : normalizeEmail(filters.requester),
      jurisdiction: filters.jurisdiction,
      // A blank search box (`?text=`) means "no text filter", not "match nothing".
      text: filters.text?.trim() || undefined,
      assignee:
        filters.assignee === undefined
          ? undefined
          : filters.assignee === 'none'
            ? null
            : filters.assignee === 'me'
              ? actor.accountId
              : filters.assignee.toLowerCase(),
      overdue: filters.overdue,
      dueWithin:
        filters.dueWithinHours === undefined
          ? undefined
          : { from: now, to: new Date(now.getTime() + filters.dueWithinHours * HOUR_MS) },
      waitingOnRequester: filters.waitingOnRequester,
      type: filters.type,
      category: filters.category,
      channel: filters.channel,
      registeredFrom,
      registeredTo,
      updatedSince: boundOf(filters.updatedSince),
    },
  };
}

/**
 * Whether a range cannot hold anything because it starts after it ends. Two days or two instants compare
 * directly; a day against an instant is left to the query (which then finds nothing), since the day's
 * limits depend on the time zone.
 */
function startsAfter(from: DateBound, to: DateBound): boolean {
  if ('day' in from && 'day' in to) return from.day > to.day;
  if ('instant' in from && 'instant' in to) return Date.parse(from.instant) > Date.parse(to.instant);
  return false;
}
