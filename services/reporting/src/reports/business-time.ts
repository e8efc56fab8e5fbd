import { IANAZone } from 'luxon';

/*
 * Business minutes are counted by @cau/business-time, on the calendars resolution announces (see
 * ticket-fact.ts); what is left here needs no calendar.
 */

export function calendarMinutesBetween(from: Date, to: Date): number {
  return Math.max(0, to.getTime() - from.getTime()) / 60_000;
}

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
