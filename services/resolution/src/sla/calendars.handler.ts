import { Controller } from '@nestjs/common';
import {
  AddHolidayCommandV1,
  CalendarsQueryV1,
  ImportHolidaysCommandV1,
  RemoveHolidayCommandV1,
  ResolutionRpc,
  SaveCalendarCommandV1,
  type CalendarSavedV1,
  type CalendarsV1,
  type HolidayChangeV1,
  type HolidayImportResultV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
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

  @Answers(ResolutionRpc.SaveCalendar)
  save(request: SaveCalendarCommandV1): Promise<CalendarSavedV1> {
    return this.saveCalendar.execute(request);
  }

  @Answers(ResolutionRpc.Calendars)
  calendars(request: CalendarsQueryV1): Promise<CalendarsV1> {
    return this.getCalendars.execute(request);
  }

  @Answers(ResolutionRpc.AddHoliday)
  add(request: AddHolidayCommandV1): Promise<HolidayChangeV1> {
    return this.holidays.add(request);
  }

  @Answers(ResolutionRpc.RemoveHoliday)
  remove(request: RemoveHolidayCommandV1): Promise<HolidayChangeV1> {
    return this.holidays.remove(request);
  }

  @Answers(ResolutionRpc.ImportHolidays)
  import(request: ImportHolidaysCommandV1): Promise<HolidayImportResultV1> {
    return this.holidays.import(request);
  }
}
