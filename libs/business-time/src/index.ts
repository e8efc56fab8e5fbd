/*
 * Business time, one definition for the whole desk: resolution counts SLA due dates with it and
 * reporting counts response and resolution times with it, on the same calendars and holidays.
 */
export * from './business-calendar.js';
export * from './calendar-book.js';
