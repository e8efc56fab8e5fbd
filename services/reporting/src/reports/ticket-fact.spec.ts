import { addBusinessMinutes, CalendarBook, type CalendarDefinition } from '@cau/business-time';
import { factOf, type TicketFactSource } from './ticket-fact.js';

// Buenos Aires is UTC−3 all year: 08:00 local is 11:00Z, 16:00 local is 19:00Z.
const ZONE = 'America/Argentina/Buenos_Aires';
const day = [{ start: '08:00', end: '16:00' }];
const week = { 1: day, 2: day, 3: day, 4: day, 5: day };
const calendars = (holidays: string[]): CalendarDefinition[] => [
  { code: 'default', zone: ZONE, week, jurisdictions: [], holidays },
];

/** Registered Friday 14 March 2025 15:00, answered Tuesday 18 March 09:00 (local). */
const source: TicketFactSource = {
  ticketId: '6f1b8c1e-7d2a-4b8e-9a51-3f0c2d9e8a10',
  number: 1,
  registeredAt: new Date('2025-03-14T18:00:00Z'),
  type: 'incidente',
  channel: 'telefono',
  service: null,
  category: 'correo',
  jurisdiction: 'SALUD',
  requesterEmail: 'ana.perez@salud.gob',
  priority: 'ALTA',
  area: 'L1',
  status: 'en_curso',
  firstResponseAt: new Date('2025-03-18T12:00:00Z'),
  solvedAt: null,
  closedAt: null,
  reopenedAt: null,
  reopenedCount: 0,
  satisfaction: null,
  satisfactionAt: null,
  firstDerivedAt: null,
  derivations: 0,
  responseBreachedAt: null,
  resolutionBreachedAt: null,
  mergedAt: null,
  solver: null,
  closure: null,
};

describe('a ticket’s fact row counts business time on resolution’s calendars', () => {
  it('leaves a holiday out of the first response, as the SLA clock does', () => {
    // Friday 60 + Monday 480 + Tuesday 60.
    const plain = factOf(source, CalendarBook.fromDefinitions(ZONE, calendars([])));
    expect(plain.firstResponseBusinessMinutes).toBe(600);
    // Monday 17 March a holiday: Friday 60 + Tuesday 60.
    const withHoliday = factOf(source, CalendarBook.fromDefinitions(ZONE, calendars(['2025-03-17'])));
    expect(withHoliday.firstResponseBusinessMinutes).toBe(120);
    expect(withHoliday.firstResponseCalendarMinutes).toBe(plain.firstResponseCalendarMinutes);
  });

  it('reports exactly the SLA target for a response given at its due date', () => {
    const book = CalendarBook.fromDefinitions(ZONE, calendars(['2025-03-17']));
    const target = 240;
    const dueAt = addBusinessMinutes(book.calendarFor('SALUD'), source.registeredAt, target);
    // Friday 60, Monday off, Tuesday 08:00 + 180 → 11:00 local.
    expect(dueAt.toISOString()).toBe('2025-03-18T14:00:00.000Z');
    expect(factOf({ ...source, firstResponseAt: dueAt }, book).firstResponseBusinessMinutes).toBe(target);
  });

  it('counts on a jurisdiction’s own calendar', () => {
    const book = CalendarBook.fromDefinitions(ZONE, [
      ...calendars([]),
      { code: 'salud', zone: ZONE, week, jurisdictions: ['SALUD'], holidays: ['2025-03-18'] },
    ]);
    // Friday 60 + Monday 480; Tuesday is SALUD's holiday.
    expect(factOf(source, book).firstResponseBusinessMinutes).toBe(540);
    expect(factOf({ ...source, jurisdiction: 'EDUCACION' }, book).firstResponseBusinessMinutes).toBe(600);
  });
});
