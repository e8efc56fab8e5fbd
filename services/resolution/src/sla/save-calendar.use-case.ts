import { Injectable } from '@nestjs/common';
import type { CalendarSavedV1, SaveCalendarCommandV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { mayChangeCalendars } from '../domain/permissions.js';
import { authorize, validate } from '../domain/refusals.js';
import { CalendarAnnouncer } from './calendar-announcer.js';
import { calendarInputProblems, weekOf } from './calendar-rules.js';
import { CalendarRepository } from './calendar.repository.js';
import { SlaSchedule } from './sla-schedule.js';

/**
 * An administrator creates or changes a business calendar for jurisdictions that keep their own hours or
 * zone (an embassy, a hospital open on Saturdays) and says which jurisdictions count on it. Like a holiday,
 * the change recomputes the due dates of every ticket not yet closed, is applied by every instance to the
 * next ticket, and is announced to reporting, all in one transaction.
 */
@Injectable()
export class SaveCalendarUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly calendars: CalendarRepository,
    private readonly schedule: SlaSchedule,
    private readonly announcer: CalendarAnnouncer,
  ) {}

  async execute(command: SaveCalendarCommandV1): Promise<CalendarSavedV1> {
    authorize(mayChangeCalendars(command.actor));
    const zone = command.zone.trim();
    const week = weekOf(command.week);
    validate(calendarInputProblems(command.code, zone, week));
    const jurisdictions = [...new Set(command.jurisdictions)].sort();
    return this.runtime.transaction(async (tx) => {
      const before = await this.calendars.definition(tx, command.code);
      await this.calendars.saveCalendar(tx, { code: command.code, zone, week, jurisdictions });
      await this.schedule.rulesChanged(tx);
      await this.schedule.refresh(tx);
      await this.announcer.announce(tx);
      return { before, after: (await this.calendars.definition(tx, command.code))! };
    });
  }
}
