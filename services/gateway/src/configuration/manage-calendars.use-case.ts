import { Injectable } from '@nestjs/common';
import {
  ResolutionRpc,
  type ActorV1,
  type AddHolidayBodyV1,
  type CalendarInputV1,
  type CalendarSavedV1,
  type HolidayChangeV1,
  type HolidayImportResultV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';
import { ResolutionClient } from '../http/service-clients.js';
import { parseHolidayCsv } from './holiday-csv.js';

/** Resolution counts the SLA clocks on the business calendars, so it owns them and their holidays. */
@Injectable()
export class ManageCalendarsUseCase {
  constructor(
    private readonly resolution: ResolutionClient,
    private readonly audit: AuditRepository,
  ) {}

  /** Audited after resolution answers, with its before (null for a new calendar) and after. */
  async saveCalendar(actor: ActorV1, code: string, body: CalendarInputV1): Promise<CalendarSavedV1> {
    const saved = await this.resolution.request(ResolutionRpc.SaveCalendar, { ...body, actor, code });
    await this.audit.record(actor, {
      action: saved.before ? 'calendar.update' : 'calendar.create',
      targetType: 'calendar',
      targetId: code,
      before: saved.before,
      after: saved.after,
    });
    return saved;
  }

  async addHoliday(actor: ActorV1, calendar: string, body: AddHolidayBodyV1): Promise<HolidayChangeV1> {
    const change = await this.resolution.request(ResolutionRpc.AddHoliday, {
      actor,
      calendar,
      date: body.date,
      name: body.name,
    });
    await this.audit.record(actor, {
      action: 'holiday.add',
      targetType: 'holiday',
      targetId: `${calendar}/${body.date}`,
      before: null,
      after: change.holiday,
    });
    return change;
  }

  async removeHoliday(actor: ActorV1, calendar: string, date: string): Promise<HolidayChangeV1> {
    const change = await this.resolution.request(ResolutionRpc.RemoveHoliday, {
      actor,
      calendar,
      date,
    });
    await this.audit.record(actor, {
      action: 'holiday.remove',
      targetType: 'holiday',
      targetId: `${calendar}/${date}`,
      before: change.holiday,
      after: null,
    });
    return change;
  }

  /**
   * All or nothing: a line that is not `date,name` refuses the file here; resolution then checks the
   * dates and names. Audited with the calendar's holidays of that year before and after.
   */
  async importHolidays(actor: ActorV1, calendar: string, year: number, csv: string): Promise<HolidayImportResultV1> {
    const { rows, problems } = parseHolidayCsv(csv);
    if (problems.length > 0) throw ServiceError.validation(problems);
    if (rows.length === 0) throw ServiceError.validation([{ field: 'csv', constraint: 'isNotEmpty' }]);
    const holidaysOf = async () =>
      (await this.resolution.request(ResolutionRpc.Calendars, { actor, year })).calendars.find(
        (c) => c.code === calendar,
      )?.holidays ?? [];
    const before = await holidaysOf();
    const result = await this.resolution.request(ResolutionRpc.ImportHolidays, {
      actor,
      calendar,
      year,
      rows,
    });
    await this.audit.record(actor, {
      action: 'holidays.import',
      targetType: 'holiday',
      targetId: `${calendar}/${year}`,
      before: { holidays: before },
      after: { ...result, holidays: await holidaysOf() },
    });
    return result;
  }
}
