import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type Calendars = Schemas['CalendarsV1'];
export type Calendar = Calendars['calendars'][number];
export type Holiday = Schemas['HolidayV1'];

export const DEFAULT_CALENDAR = 'default';

export const calendarsQuery = (year: number) =>
  queryOptions({
    queryKey: ['admin', 'calendars', year],
    queryFn: () => unwrap(api.GET('/api/v1/sla/calendars', { params: { query: { year } } })),
  });

/** The years offered: last year to two years ahead (holidays are published a year in advance). */
export function yearsAround(today: Date): number[] {
  const year = today.getFullYear();
  return [year - 1, year, year + 1, year + 2];
}

/** A holiday's local date (YYYY-MM-DD) as people write it, with its weekday: the date is not an instant. */
export function formatHoliday(date: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'es-AR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** Whether the text is a real YYYY-MM-DD date (the service says why otherwise). */
export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
