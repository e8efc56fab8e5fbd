import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AddHolidayCommandV1,
  CalendarsQueryV1,
  ImportHolidaysCommandV1,
  RemoveHolidayCommandV1,
  ResolutionQueries,
  SaveCalendarCommandV1,
  type CalendarSavedV1,
  type CalendarsV1,
  type HolidayChangeV1,
  type HolidayImportResultV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { GetCalendarsUseCase } from './get-calendars.use-case.js';
import { ManageHolidaysUseCase } from './manage-holidays.use-case.js';
import { SaveCalendarUseCase } from './save-calendar.use-case.js';

/** Answered by any instance, whatever areas it serves. */
@Controller()
export class CalendarsHandler {
  constructor(
    private readonly getCalendars: GetCalendarsUseCase,
    private readonly holidays: ManageHolidaysUseCase,
    private readonly saveCalendar: SaveCalendarUseCase,
  ) {}

  @MessagePattern(ResolutionQueries.SaveCalendar)
  save(@Payload() data: unknown): Promise<CalendarSavedV1> {
    return this.saveCalendar.execute(parseMessage(SaveCalendarCommandV1, data));
  }

  @MessagePattern(ResolutionQueries.Calendars)
  calendars(@Payload() data: unknown): Promise<CalendarsV1> {
    return this.getCalendars.execute(parseMessage(CalendarsQueryV1, data));
  }

  @MessagePattern(ResolutionQueries.AddHoliday)
  add(@Payload() data: unknown): Promise<HolidayChangeV1> {
    return this.holidays.add(parseMessage(AddHolidayCommandV1, data));
  }

  @MessagePattern(ResolutionQueries.RemoveHoliday)
  remove(@Payload() data: unknown): Promise<HolidayChangeV1> {
    return this.holidays.remove(parseMessage(RemoveHolidayCommandV1, data));
  }

  @MessagePattern(ResolutionQueries.ImportHolidays)
  import(@Payload() data: unknown): Promise<HolidayImportResultV1> {
    return this.holidays.import(parseMessage(ImportHolidaysCommandV1, data));
  }
}
