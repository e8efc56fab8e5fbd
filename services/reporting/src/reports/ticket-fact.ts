import { businessMinutesBetween, type CalendarBook } from '@cau/business-time';
import type { Channel, Priority, SatisfactionLevel, TicketStatus, TicketType } from '@cau/contracts';
import { calendarMinutesBetween } from './business-time.js';

/** What the ticket view and the ticket's path say about one registered ticket. */
export interface TicketFactSource {
  ticketId: string;
  number: number;
  registeredAt: Date;
  type: TicketType;
  channel: Channel;
  category: string;
  /** The service offered the ticket is about (catalogue code); null where none was named. */
  service: string | null;
  jurisdiction: string;
  requesterEmail: string;
  priority: Priority | null;
  area: string | null;
  status: TicketStatus;
  firstResponseAt: Date | null;
  /** The latest submission for review. */
  solvedAt: Date | null;
  /** The latest closure, whatever the status is now. */
  closedAt: Date | null;
  reopenedAt: Date | null;
  reopenedCount: number;
  satisfaction: SatisfactionLevel | null;
  satisfactionAt: Date | null;
  firstDerivedAt: Date | null;
  derivations: number;
  responseBreachedAt: Date | null;
  resolutionBreachedAt: Date | null;
  /** When the ticket was merged into its original (null unless it was). */
  mergedAt: Date | null;
  /** Who registered the latest solution (the approved one, once closed), and in which area. */
  solver: Solver | null;
  /**
   * Resolution's measure of the latest closure (registration → approved solution), counted when it closed
   * by the same function on the same calendar, as `ticket.closed` carries it.
   */
  closure: { businessMinutes: number; calendarMinutes: number } | null;
}

/** As the solution's step recorded them (`by` and the area it was registered in). */
export interface Solver {
  accountId: string | null;
  name: string | null;
  area: string | null;
}

export interface TicketFact {
  ticketId: string;
  number: number;
  registeredAt: Date;
  type: TicketType;
  channel: Channel;
  category: string;
  service: string | null;
  jurisdiction: string;
  requesterEmail: string;
  priority: Priority | null;
  area: string | null;
  status: TicketStatus;
  firstResponseAt: Date | null;
  firstResponseBusinessMinutes: number | null;
  firstResponseCalendarMinutes: number | null;
  firstDerivedAt: Date | null;
  derivations: number;
  solvedAt: Date | null;
  closedAt: Date | null;
  resolutionBusinessMinutes: number | null;
  resolutionCalendarMinutes: number | null;
  reopenedAt: Date | null;
  reopenedCount: number;
  satisfaction: SatisfactionLevel | null;
  satisfactionAt: Date | null;
  responseBreachedAt: Date | null;
  resolutionBreachedAt: Date | null;
  breachedAt: Date | null;
  /** A merged duplicate leaves the backlog here (it is never closed). */
  mergedAt: Date | null;
  solver: Solver | null;
}

/**
 * The fact row of a ticket. Pure and computed from the whole current state, so applying the events in
 * any order, or twice, gives the same row. The first response's business minutes are counted on the
 * ticket's calendar in `calendars` (resolution's, holidays included) by the function that sets its SLA
 * due dates.
 */
export function factOf(source: TicketFactSource, calendars: CalendarBook): TicketFact {
  const closed = source.status === 'cerrado';
  const { firstResponseAt, registeredAt } = source;
  const calendar = calendars.calendarFor(source.jurisdiction);
  return {
    ticketId: source.ticketId,
    number: source.number,
    registeredAt,
    type: source.type,
    channel: source.channel,
    category: source.category,
    service: source.service,
    jurisdiction: source.jurisdiction,
    requesterEmail: source.requesterEmail,
    priority: source.priority,
    area: source.area,
    status: source.status,
    firstResponseAt,
    firstResponseBusinessMinutes: firstResponseAt
      ? businessMinutesBetween(calendar, registeredAt, firstResponseAt)
      : null,
    firstResponseCalendarMinutes: firstResponseAt ? calendarMinutesBetween(registeredAt, firstResponseAt) : null,
    firstDerivedAt: source.firstDerivedAt,
    derivations: source.derivations,
    solvedAt: source.solvedAt,
    // A reopened ticket is not closed any more: it is counted closed again in the period it closes again.
    closedAt: closed ? source.closedAt : null,
    resolutionBusinessMinutes: closed ? (source.closure?.businessMinutes ?? null) : null,
    resolutionCalendarMinutes: closed ? (source.closure?.calendarMinutes ?? null) : null,
    reopenedAt: source.reopenedAt,
    reopenedCount: source.reopenedCount,
    satisfaction: source.satisfaction,
    satisfactionAt: source.satisfactionAt,
    responseBreachedAt: source.responseBreachedAt,
    resolutionBreachedAt: source.resolutionBreachedAt,
    breachedAt: earliest(source.responseBreachedAt, source.resolutionBreachedAt),
    mergedAt: source.status === 'fusionado' ? source.mergedAt : null,
    solver: source.solver,
  };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}
