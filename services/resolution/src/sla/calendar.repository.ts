import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { ResolutionSettings } from '../config/resolution-settings.js';
import { CalendarBook, type CalendarRow, type HolidayRow, type JurisdictionCalendarRow } from './calendar-book.js';

/** Business calendars: the deployment's (CAU_TIME_ZONE) and those of jurisdictions that keep their own. */
@Injectable()
export class CalendarRepository {
  private readonly s: string;

  constructor(
    runtime: ServiceRuntime,
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
}
