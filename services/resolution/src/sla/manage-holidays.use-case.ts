import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ErrorCode,
  type AddHolidayCommandV1,
  type HolidayChangeV1,
  type HolidayImportResultV1,
  type ImportHolidaysCommandV1,
  type RemoveHolidayCommandV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mayChangeCalendars } from '../domain/permissions.js';
import { authorize, validate } from '../domain/refusals.js';
import { CalendarAnnouncer } from './calendar-announcer.js';
import { CalendarRepository } from './calendar.repository.js';
import { dateProblems, holidaysToImport, importProblems } from './holiday-rules.js';
import { SlaSchedule } from './sla-schedule.js';

/**
 * An administrator keeps the holidays of a business calendar. Like a policy change, every change
 * recomputes the due dates of the tickets not yet closed in the same transaction (due dates are always
 * recomputed from their facts), and marks the rules changed so every instance counts the next ticket
 * with the new holidays. The calendars are announced in the same transaction, for reporting's business
 * minutes.
 */
@Injectable()
export class ManageHolidaysUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly calendars: CalendarRepository,
    private readonly schedule: SlaSchedule,
    private readonly announcer: CalendarAnnouncer,
  ) {}

  async add(command: AddHolidayCommandV1): Promise<HolidayChangeV1> {
    authorize(mayChangeCalendars(command.actor));
    validate(dateProblems('date', command.date));
    return this.changed(async (tx) => {
      await this.requireCalendar(tx, command.calendar);
      const holiday = { date: command.date, name: command.name.trim() };
      if (!(await this.calendars.addHoliday(tx, command.calendar, holiday))) {
        validate([{ field: 'date', constraint: 'holidayExists', params: [command.date] }]);
      }
      await this.schedule.refresh(tx);
      return { calendar: command.calendar, holiday };
    });
  }

  async remove(command: RemoveHolidayCommandV1): Promise<HolidayChangeV1> {
    authorize(mayChangeCalendars(command.actor));
    return this.changed(async (tx) => {
      await this.requireCalendar(tx, command.calendar);
      const holiday = await this.calendars.removeHoliday(tx, command.calendar, command.date);
      if (!holiday) {
        throw new ServiceError({
          code: ErrorCode.NotFound,
          params: { resource: 'holiday', id: `${command.calendar} ${command.date}` },
        });
      }
      await this.schedule.refresh(tx);
      return { calendar: command.calendar, holiday };
    });
  }

  /** All or nothing: any bad row refuses the import, every bad row named by its line. */
  async import(command: ImportHolidaysCommandV1): Promise<HolidayImportResultV1> {
    authorize(mayChangeCalendars(command.actor));
    validate(importProblems(command.year, command.rows));
    return this.changed(async (tx) => {
      await this.requireCalendar(tx, command.calendar);
      const counts = await this.calendars.importHolidays(tx, command.calendar, holidaysToImport(command.rows));
      if (counts.added + counts.updated > 0) await this.schedule.refresh(tx);
      return { calendar: command.calendar, year: command.year, ...counts };
    });
  }

  /**
   * Runs the change, marks the rules changed (every instance reloads them) and announces the calendars,
   * in one transaction.
   */
  private changed<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.runtime.transaction(async (tx) => {
      const result = await work(tx);
      await this.schedule.rulesChanged(tx);
      await this.announcer.announce(tx);
      return result;
    });
  }

  private async requireCalendar(tx: EntityManager, code: string): Promise<void> {
    if (!(await this.calendars.exists(tx, code))) {
      throw new ServiceError({ code: ErrorCode.NotFound, params: { resource: 'calendar', id: code } });
    }
  }
}
