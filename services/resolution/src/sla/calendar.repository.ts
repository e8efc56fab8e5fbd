import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_CALENDAR_CODE, type CalendarSettingsV1, type CalendarV1, type HolidayV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { ResolutionSettings } from '../config/resolution-settings.js';
import {
  CalendarBook,
  defaultCalendar,
  type CalendarDefinition,
  type CalendarRow,
  type HolidayRow,
  type JurisdictionCalendarRow,
} from '@cau/business-time';

/** Business calendars: the deployment's (CAU_TIME_ZONE) and those of jurisdictions that keep their own. */
@Injectable()
export class CalendarRepository {
  private readonly s: string;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly settings: ResolutionSettings,
  ) {
    this.s = runtime.schema;
  }

  async book(tx: EntityManager): Promise<CalendarBook> {
    const calendars: CalendarRow[] = await tx.query(`SELECT code, zone, week FROM "${this.s}".calendars`);
    const holidays: HolidayRow[] = await tx.query(
      `SELECT calendar, to_char(day, 'YYYY-MM-DD') AS day FROM "${this.s}".holidays`,
    );
    const assignments: JurisdictionCalendarRow[] = await tx.query(
      `SELECT jurisdiction, calendar FROM "${this.s}".jurisdiction_calendars`,
    );
    return CalendarBook.build(this.settings.timeZone, calendars, holidays, assignments);
  }

  /** Every calendar whole, with all its holidays, in a stable order (what `sla.calendars-changed` states). */
  async definitions(tx: EntityManager): Promise<CalendarDefinition[]> {
    const calendars: Array<CalendarRow & { jurisdictions: string[]; holidays: string[] }> = await tx.query(
      `SELECT c.code, c.zone, c.week,
              COALESCE((SELECT array_agg(j.jurisdiction ORDER BY j.jurisdiction)
                          FROM "${this.s}".jurisdiction_calendars j WHERE j.calendar = c.code), '{}') AS jurisdictions,
              COALESCE((SELECT array_agg(to_char(h.day, 'YYYY-MM-DD') ORDER BY h.day)
                          FROM "${this.s}".holidays h WHERE h.calendar = c.code), '{}') AS holidays
         FROM "${this.s}".calendars c ORDER BY c.code`,
    );
    const [fallback]: Array<{ holidays: string[] }> = await tx.query(
      `SELECT COALESCE(array_agg(to_char(day, 'YYYY-MM-DD') ORDER BY day), '{}') AS holidays
         FROM "${this.s}".holidays WHERE calendar = $1`,
      [DEFAULT_CALENDAR_CODE],
    );
    const deployment = defaultCalendar(this.settings.timeZone);
    return [
      {
        code: DEFAULT_CALENDAR_CODE,
        zone: deployment.zone,
        week: deployment.week,
        jurisdictions: [],
        holidays: fallback?.holidays ?? [],
      },
      ...calendars,
    ];
  }

  /** Every calendar, the deployment's first, with the holidays of `year`. */
  async list(year: number, tx: EntityManager = this.runtime.dataSource.manager): Promise<CalendarV1[]> {
    const calendars: Array<CalendarRow & { jurisdictions: string[] }> = await tx.query(
      `SELECT c.code, c.zone, c.week,
              COALESCE(array_agg(j.jurisdiction ORDER BY j.jurisdiction)
                       FILTER (WHERE j.jurisdiction IS NOT NULL), '{}') AS jurisdictions
         FROM "${this.s}".calendars c
         LEFT JOIN "${this.s}".jurisdiction_calendars j ON j.calendar = c.code
        GROUP BY c.code ORDER BY c.code`,
    );
    const holidays: Array<{ calendar: string; date: string; name: string | null }> = await tx.query(
      `SELECT calendar, to_char(day, 'YYYY-MM-DD') AS date, name FROM "${this.s}".holidays
        WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1) ORDER BY day`,
      [year],
    );
    const holidaysOf = (code: string): HolidayV1[] =>
      holidays.filter((h) => h.calendar === code).map((h) => ({ date: h.date, name: h.name }));
    const fallback = defaultCalendar(this.settings.timeZone);
    return [
      {
        code: DEFAULT_CALENDAR_CODE,
        zone: fallback.zone,
        week: fallback.week,
        jurisdictions: [],
        holidays: holidaysOf(DEFAULT_CALENDAR_CODE),
      },
      ...calendars.map((c) => ({
        code: c.code,
        zone: c.zone,
        week: c.week,
        jurisdictions: c.jurisdictions,
        holidays: holidaysOf(c.code),
      })),
    ];
  }

  /** Whether holidays may be kept for `code`: the deployment's calendar, or one in `calendars`. */
  async exists(tx: EntityManager, code: string): Promise<boolean> {
    if (code === DEFAULT_CALENDAR_CODE) return true;
    const rows: unknown[] = await tx.query(`SELECT 1 FROM "${this.s}".calendars WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  async holiday(tx: EntityManager, calendar: string, date: string): Promise<HolidayV1 | null> {
    const rows: HolidayV1[] = await tx.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS date, name FROM "${this.s}".holidays WHERE calendar = $1 AND day = $2`,
      [calendar, date],
    );
    return rows[0] ?? null;
  }

  /** Adds the holiday; false when the calendar already has one that day (nothing changed). */
  async addHoliday(tx: EntityManager, calendar: string, holiday: HolidayV1): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".holidays (calendar, day, name) VALUES ($1, $2, $3)
       ON CONFLICT (calendar, day) DO NOTHING RETURNING 1`,
      [calendar, holiday.date, holiday.name],
    );
    return rows.length > 0;
  }

  /** Removes the holiday and returns it, or null when there was none. */
  async removeHoliday(tx: EntityManager, calendar: string, date: string): Promise<HolidayV1 | null> {
    const rows: HolidayV1[] = await tx.query(
      // A CTE, so the driver answers rows (a bare DELETE … RETURNING answers [rows, count]).
      `WITH gone AS (
         DELETE FROM "${this.s}".holidays WHERE calendar = $1 AND day = $2 RETURNING day, name
       )
       SELECT to_char(day, 'YYYY-MM-DD') AS date, name FROM gone`,
      [calendar, date],
    );
    return rows[0] ?? null;
  }

  /**
   * Stores the holidays: new dates are added, a date already kept takes the imported name. Returns how
   * many were added, renamed and left as they were.
   */
  async importHolidays(
    tx: EntityManager,
    calendar: string,
    holidays: readonly { date: string; name: string }[],
  ): Promise<{ added: number; updated: number; unchanged: number }> {
    const rows: Array<{ added: boolean; changed: boolean }> = await tx.query(
      `WITH incoming AS (
         SELECT * FROM unnest($2::date[], $3::text[]) AS i(day, name)
       ), previous AS (
         SELECT h.day, h.name FROM "${this.s}".holidays h JOIN incoming USING (day) WHERE h.calendar = $1
       ), stored AS (
         INSERT INTO "${this.s}".holidays (calendar, day, name)
         SELECT $1, day, name FROM incoming
         ON CONFLICT (calendar, day) DO UPDATE SET name = EXCLUDED.name
         RETURNING day, name
       )
       SELECT p.day IS NULL AS added, p.day IS NOT NULL AND p.name IS DISTINCT FROM s.name AS changed
         FROM stored s LEFT JOIN previous p USING (day)`,
      [calendar, holidays.map((h) => h.date), holidays.map((h) => h.name)],
    );
    const added = rows.filter((r) => r.added).length;
    const updated = rows.filter((r) => r.changed).length;
    return { added, updated, unchanged: rows.length - added - updated };
  }

  /** A jurisdictions' calendar without its holidays, or null when there is none of that code. */
  async definition(tx: EntityManager, code: string): Promise<CalendarSettingsV1 | null> {
    const rows: CalendarSettingsV1[] = await tx.query(
      `SELECT c.code, c.zone, c.week,
              COALESCE((SELECT array_agg(j.jurisdiction ORDER BY j.jurisdiction)
                          FROM "${this.s}".jurisdiction_calendars j WHERE j.calendar = c.code), '{}') AS jurisdictions
         FROM "${this.s}".calendars c WHERE c.code = $1`,
      [code],
    );
    return rows[0] ?? null;
  }

  /**
   * Creates or changes the calendar and makes it the calendar of exactly `jurisdictions`: those named
   * leave the calendar they had, those it had and are not named go back to the deployment's.
   */
  async saveCalendar(
    tx: EntityManager,
    calendar: { code: string; zone: string; week: CalendarRow['week']; jurisdictions: readonly string[] },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".calendars (code, zone, week) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET zone = EXCLUDED.zone, week = EXCLUDED.week`,
      [calendar.code, calendar.zone, JSON.stringify(calendar.week)],
    );
    await tx.query(
      `DELETE FROM "${this.s}".jurisdiction_calendars WHERE calendar = $1 AND NOT (jurisdiction = ANY($2::text[]))`,
      [calendar.code, calendar.jurisdictions],
    );
    await tx.query(
      `INSERT INTO "${this.s}".jurisdiction_calendars (jurisdiction, calendar)
       SELECT j, $1 FROM unnest($2::text[]) AS j
       ON CONFLICT (jurisdiction) DO UPDATE SET calendar = EXCLUDED.calendar`,
      [calendar.code, calendar.jurisdictions],
    );
  }
}
