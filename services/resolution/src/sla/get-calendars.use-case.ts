import { Injectable } from '@nestjs/common';
import type { CalendarsQueryV1, CalendarsV1 } from '@cau/contracts';
import { mayReadCalendars } from '../domain/permissions.js';
import { authorize } from '../domain/refusals.js';
import { CalendarRepository } from './calendar.repository.js';

@Injectable()
export class GetCalendarsUseCase {
  constructor(private readonly calendars: CalendarRepository) {}

  async execute(query: CalendarsQueryV1): Promise<CalendarsV1> {
    authorize(mayReadCalendars(query.actor));
    return { year: query.year, calendars: await this.calendars.list(query.year) };
  }
}
