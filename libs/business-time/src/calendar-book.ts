import { calendarProblems, defaultCalendar, type BusinessCalendar } from './business-calendar.js';

/** Code of the deployment's calendar (zone from CAU_TIME_ZONE, Monday–Friday 08:00–16:00) in `holidays`. */
export const DEFAULT_CALENDAR = 'default';

export interface CalendarRow {
  code: string;
  zone: string;
  week: BusinessCalendar['week'];
}

export interface HolidayRow {
  calendar: string;
  /** Local date, YYYY-MM-DD. */
  day: string;
}

export interface JurisdictionCalendarRow {
  jurisdiction: string;
  calendar: string;
}

/** A whole calendar as resolution announces it: its week, the jurisdictions on it and all its holidays. */
export interface CalendarDefinition extends CalendarRow {
  jurisdictions: readonly string[];
  /** Local dates, YYYY-MM-DD. */
  holidays: readonly string[];
}

/** Which business calendar counts a ticket's SLA: its jurisdiction's own, or the deployment's. */
export class CalendarBook {
  private constructor(
    private readonly fallback: BusinessCalendar,
    private readonly byJurisdiction: ReadonlyMap<string, BusinessCalendar>,
  ) {}

  /**
   * Builds the book from the stored configuration. A calendar that cannot count time (unknown zone,
   * malformed window) is a configuration error and is reported with its code rather than ignored.
   */
  static build(
    defaultZone: string,
    calendars: readonly CalendarRow[],
    holidays: readonly HolidayRow[],
    assignments: readonly JurisdictionCalendarRow[],
  ): CalendarBook {
    const holidaysOf = (code: string) => holidays.filter((h) => h.calendar === code).map((h) => h.day);
    const fallback = defaultCalendar(defaultZone, holidaysOf(DEFAULT_CALENDAR));
    const byCode = new Map<string, BusinessCalendar>();
    for (const row of calendars) {
      const calendar: BusinessCalendar = { zone: row.zone, week: row.week, holidays: new Set(holidaysOf(row.code)) };
      const problems = calendarProblems(calendar);
      if (problems.length > 0) throw new Error(`calendar "${row.code}" is not valid: ${problems.join('; ')}`);
      byCode.set(row.code, calendar);
    }
    const byJurisdiction = new Map<string, BusinessCalendar>();
    for (const { jurisdiction, calendar } of assignments) {
      byJurisdiction.set(jurisdiction, byCode.get(calendar) ?? fallback);
    }
    return new CalendarBook(fallback, byJurisdiction);
  }

  /**
   * The book of announced calendars (reporting's copy of resolution's). The `default` entry, when
   * present, sets the deployment's zone; `defaultZone` stands until it is announced.
   */
  static fromDefinitions(defaultZone: string, definitions: readonly CalendarDefinition[]): CalendarBook {
    const fallback = definitions.find((d) => d.code === DEFAULT_CALENDAR);
    return CalendarBook.build(
      fallback?.zone ?? defaultZone,
      definitions.filter((d) => d.code !== DEFAULT_CALENDAR),
      definitions.flatMap((d) => d.holidays.map((day) => ({ calendar: d.code, day }))),
      definitions.flatMap((d) => d.jurisdictions.map((jurisdiction) => ({ jurisdiction, calendar: d.code }))),
    );
  }

  calendarFor(jurisdiction: string | null): BusinessCalendar {
    return (jurisdiction !== null ? this.byJurisdiction.get(jurisdiction) : undefined) ?? this.fallback;
  }
}

/**
 * The local dates on which business time differs between two sets of calendars: the holidays added or
 * removed in any calendar. Null when more than holidays changed (a zone, a week, a jurisdiction moved to
 * another calendar, a calendar added or dropped): then any instant may count differently.
 */
export function changedDays(
  before: readonly CalendarDefinition[],
  after: readonly CalendarDefinition[],
): string[] | null {
  const shape = (c: CalendarDefinition) => JSON.stringify([c.zone, c.week, [...c.jurisdictions].sort()]);
  const previous = new Map(before.map((c) => [c.code, c]));
  if (before.length !== after.length) return null;
  const days = new Set<string>();
  for (const next of after) {
    const old = previous.get(next.code);
    if (!old || shape(old) !== shape(next)) return null;
    const was = new Set(old.holidays);
    const is = new Set(next.holidays);
    for (const day of was) if (!is.has(day)) days.add(day);
    for (const day of is) if (!was.has(day)) days.add(day);
  }
  return [...days].sort();
}
