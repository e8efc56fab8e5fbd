import {
  CalendarEvents,
  ErrorCode,
  ResolutionRpc,
  type CalendarInputV1,
  type CalendarsChangedV1,
  type HolidayImportRowV1,
} from '@cau/contracts';
import { ResolutionHarness, people, refusal, type TestTicket } from './support.js';

// Business calendar of the tests: America/Argentina/Buenos_Aires (UTC−3), Monday–Friday 08:00–16:00.
describe('resolution: business calendars and holidays', () => {
  let h: ResolutionHarness;
  const admin = people.admin();
  const supervisor = people.supervisor();

  beforeAll(async () => {
    h = await ResolutionHarness.start('rescal', { instances: [{}, {}] });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const stored = async () =>
    (
      await h.db.query(
        `SELECT calendar, to_char(day, 'YYYY-MM-DD') AS date, name FROM resolution.holidays ORDER BY calendar, day`,
      )
    ).rows;
  const calendars = (year: number, actor = supervisor) => h.query(ResolutionRpc.Calendars, { actor, year });
  const add = (date: string, name: string, actor = admin, calendar = 'default') =>
    h.query(ResolutionRpc.AddHoliday, { actor, calendar, date, name });
  const remove = (date: string, actor = admin, calendar = 'default') =>
    h.query(ResolutionRpc.RemoveHoliday, { actor, calendar, date });
  const importRows = (year: number, rows: HolidayImportRowV1[], actor = admin, calendar = 'default') =>
    h.query(ResolutionRpc.ImportHolidays, { actor, calendar, year, rows });
  const responseDue = async (ticket: TestTicket) => ((await h.row(ticket)).response_due_at as Date).toISOString();
  const previewOf = async (priority: string) => {
    const answer = await h.query(ResolutionRpc.SlaPolicies, { actor: supervisor });
    return answer.preview!.dueDates.find((d) => d.priority === priority)!;
  };

  it('lists the deployment’s calendar and the jurisdictions’ with the holidays of one year', async () => {
    const week = JSON.stringify({ 1: [{ start: '09:00', end: '14:00' }] });
    await h.db.query(`INSERT INTO resolution.calendars (code, zone, week) VALUES ('madrid', 'Europe/Madrid', $1)`, [
      week,
    ]);
    await h.db.query(`INSERT INTO resolution.jurisdiction_calendars VALUES ('EMBAJADA', 'madrid')`);
    await h.db.query(
      `INSERT INTO resolution.holidays (calendar, day, name) VALUES ('madrid', '2026-10-12', 'Fiesta Nacional'),
         ('madrid', '2025-10-12', 'Fiesta Nacional')`,
    );
    const day = [{ start: '08:00', end: '16:00' }];
    expect(await calendars(2026)).toEqual({
      year: 2026,
      calendars: [
        {
          code: 'default',
          zone: 'America/Argentina/Buenos_Aires',
          week: { 1: day, 2: day, 3: day, 4: day, 5: day },
          jurisdictions: [],
          holidays: [],
        },
        {
          code: 'madrid',
          zone: 'Europe/Madrid',
          week: { 1: [{ start: '09:00', end: '14:00' }] },
          jurisdictions: ['EMBAJADA'],
          holidays: [{ date: '2026-10-12', name: 'Fiesta Nacional' }],
        },
      ],
    });
    expect(await refusal(calendars(2026, people.requester()))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(await refusal(calendars(1999))).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'year', constraint: 'min' }],
    });
  });

  it('moves the due dates of open tickets and the preview when an administrator adds or removes a holiday', async () => {
    // Monday 2026-03-16 15:50: ALTA responds in 30 business minutes → Tuesday 08:20.
    h.clock.set('2026-03-16T18:50:00Z');
    const ticket = await h.ticket({ registeredAt: '2026-03-16T18:50:00.000Z', priority: 'ALTA' });
    expect(await responseDue(ticket)).toBe('2026-03-17T11:20:00.000Z');
    expect((await previewOf('ALTA')).responseDueAt).toBe('2026-03-17T11:20:00.000Z');

    expect(await refusal(add('2026-03-17', 'Asueto', supervisor))).toEqual({
      code: ErrorCode.Forbidden,
      refusal: { code: 'calendars.change-admins-only' },
    });
    expect(await stored()).not.toContainEqual(expect.objectContaining({ date: '2026-03-17' }));

    expect(await add('2026-03-17', '  Asueto administrativo ')).toEqual({
      calendar: 'default',
      holiday: { date: '2026-03-17', name: 'Asueto administrativo' },
    });
    // Tuesday is off: Wednesday 08:20, for the open ticket and for one registered now.
    expect(await responseDue(ticket)).toBe('2026-03-18T11:20:00.000Z');
    expect((await previewOf('ALTA')).responseDueAt).toBe('2026-03-18T11:20:00.000Z');
    // A ticket registered right away, on either instance, counts with the holiday.
    const next = await h.ticket({ registeredAt: '2026-03-16T18:55:00.000Z', priority: 'ALTA' });
    expect(await responseDue(next)).toBe('2026-03-18T11:25:00.000Z');

    expect(await refusal(add('2026-03-17', 'Otra vez'))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'date', constraint: 'holidayExists', params: ['2026-03-17'] }],
    });
    expect(await remove('2026-03-17')).toEqual({
      calendar: 'default',
      holiday: { date: '2026-03-17', name: 'Asueto administrativo' },
    });
    expect(await responseDue(ticket)).toBe('2026-03-17T11:20:00.000Z');
    expect(await refusal(remove('2026-03-17'))).toMatchObject({
      code: ErrorCode.NotFound,
      params: { resource: 'holiday' },
    });
    expect(await refusal(remove('2026-03-18', supervisor))).toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('refuses bad input naming the field, storing nothing', async () => {
    const before = await stored();
    expect(await refusal(add('2026-02-30', 'Nunca'))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'date', constraint: 'notADate', params: ['2026-02-30'] }],
    });
    expect(await refusal(add('30/03/2026', 'Formato'))).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'date', constraint: 'matches' }],
    });
    expect(await refusal(add('2026-04-02', '   '))).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'name', constraint: 'isNotEmpty' }],
    });
    expect(await refusal(add('2026-04-02', 'Malvinas', admin, 'luna'))).toMatchObject({
      code: ErrorCode.NotFound,
      params: { resource: 'calendar', id: 'luna' },
    });
    expect(await stored()).toEqual(before);
  });

  it('imports a year all or nothing, naming each bad line, and again without change', async () => {
    const before = await stored();
    const bad = [
      { line: 2, date: '2026-01-01', name: 'Año Nuevo' },
      { line: 3, date: '2026-02-31', name: 'Carnaval' },
      { line: 4, date: '2026-01-01', name: 'Otra vez' },
    ];
    expect(await refusal(importRows(2026, bad))).toEqual({
      code: ErrorCode.Validation,
      fields: [
        { field: 'csv', constraint: 'csvLine', params: [3, 'date', '2026-02-31'] },
        { field: 'csv', constraint: 'csvLine', params: [4, 'duplicate', 2] },
      ],
    });
    expect(await refusal(importRows(2026, bad.slice(0, 1), supervisor))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(await stored()).toEqual(before);

    const year = [
      { line: 1, date: '2026-01-01', name: 'Año Nuevo' },
      { line: 2, date: '2026-03-24', name: 'Día de la Memoria' },
      { line: 3, date: '2026-12-25', name: 'Navidad' },
    ];
    expect(await importRows(2026, year)).toEqual({
      calendar: 'default',
      year: 2026,
      added: 3,
      updated: 0,
      unchanged: 0,
    });
    const renamed = [...year.slice(0, 2), { line: 3, date: '2026-12-25', name: 'Natividad del Señor' }];
    expect(await importRows(2026, renamed)).toEqual({
      calendar: 'default',
      year: 2026,
      added: 0,
      updated: 1,
      unchanged: 2,
    });
    expect((await calendars(2026)).calendars[0]!.holidays).toEqual([
      { date: '2026-01-01', name: 'Año Nuevo' },
      { date: '2026-03-24', name: 'Día de la Memoria' },
      { date: '2026-12-25', name: 'Natividad del Señor' },
    ]);
  });

  it('announces the calendars whole after each change of their days, once, for reporting', async () => {
    const announced = (await h.streamed(CalendarEvents.CalendarsChanged, null)).map(
      (e) => e.data as CalendarsChangedV1,
    );
    // At start (two instances, one announcement), the holiday added, removed, the year imported; renaming a
    // holiday changes no day and the calendar inserted in the database rides along with the next change.
    expect(announced.map((a) => a.version)).toEqual([1, 2, 3, 4]);
    expect(announced[0]!.calendars.map((c) => c.holidays)).toEqual([[]]);
    expect(announced[1]!.calendars[0]!.holidays).toEqual(['2026-03-17']);
    const day = [{ start: '08:00', end: '16:00' }];
    expect(announced[3]!.calendars).toEqual([
      {
        code: 'default',
        zone: 'America/Argentina/Buenos_Aires',
        week: { 1: day, 2: day, 3: day, 4: day, 5: day },
        jurisdictions: [],
        holidays: ['2026-01-01', '2026-03-24', '2026-12-25'],
      },
      {
        code: 'madrid',
        zone: 'Europe/Madrid',
        week: { 1: [{ start: '09:00', end: '14:00' }] },
        jurisdictions: ['EMBAJADA'],
        holidays: ['2025-10-12', '2026-10-12'],
      },
    ]);
  });

  it('creates a jurisdictions’ calendar and moves the jurisdictions onto it, due dates following', async () => {
    const save = (code: string, body: CalendarInputV1, actor = admin) =>
      h.query(ResolutionRpc.SaveCalendar, { actor, code, ...body });
    const saturdays = {
      zone: 'America/Argentina/Buenos_Aires',
      week: [
        { day: 6, start: '08:00', end: '12:00' },
        { day: 1, start: '08:00', end: '16:00' },
      ],
      jurisdictions: ['HOSPITAL', 'EMBAJADA'],
    };
    // Saturday 2026-04-04 09:00 local (12:00Z), ALTA: 30 minutes → 09:30 on the hospital's Saturday hours.
    const hospital = await h.ticket({ registeredAt: '2026-04-04T12:00:00.000Z', jurisdiction: 'HOSPITAL' });
    expect(await responseDue(hospital)).toBe('2026-04-06T11:30:00.000Z');

    expect(await refusal(save('sabados', saturdays, supervisor))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(await refusal(save('default', saturdays))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'code', constraint: 'deploymentCalendar' }],
    });
    expect(await refusal(save('sabados', { ...saturdays, zone: 'Marte/Olympus' }))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'zone', constraint: 'timeZone', params: ['Marte/Olympus'] }],
    });
    const overlapping = [...saturdays.week, { day: 6, start: '11:00', end: '13:00' }];
    expect(await refusal(save('sabados', { ...saturdays, week: overlapping }))).toMatchObject({
      fields: [{ field: 'week', constraint: 'workingWindows' }],
    });
    expect(
      await refusal(save('sabados', { ...saturdays, week: [{ day: 8, start: '08:00', end: '12:00' }] })),
    ).toMatchObject({ fields: [{ field: 'week.0.day', constraint: 'max' }] });
    expect((await h.db.query(`SELECT code FROM resolution.calendars WHERE code = 'sabados'`)).rows).toEqual([]);

    const created = await save('sabados', saturdays);
    expect(created).toEqual({
      before: null,
      after: {
        code: 'sabados',
        zone: 'America/Argentina/Buenos_Aires',
        week: { 1: [{ start: '08:00', end: '16:00' }], 6: [{ start: '08:00', end: '12:00' }] },
        jurisdictions: ['EMBAJADA', 'HOSPITAL'],
      },
    });
    // The open ticket moved onto the Saturday hours at once; EMBAJADA left Madrid's calendar.
    expect(await responseDue(hospital)).toBe('2026-04-04T12:30:00.000Z');
    const listed = (await calendars(2026)).calendars;
    expect(listed.find((c) => c.code === 'madrid')?.jurisdictions).toEqual([]);
    expect(listed.find((c) => c.code === 'sabados')?.jurisdictions).toEqual(['EMBAJADA', 'HOSPITAL']);

    // Left out of the list, a jurisdiction goes back to the deployment's calendar.
    const changed = await save('sabados', { ...saturdays, jurisdictions: ['EMBAJADA'] });
    expect(changed.before?.jurisdictions).toEqual(['EMBAJADA', 'HOSPITAL']);
    expect(await responseDue(hospital)).toBe('2026-04-06T11:30:00.000Z');
    const announced = await h.streamed(CalendarEvents.CalendarsChanged, null);
    expect((announced.at(-1)!.data as CalendarsChangedV1).calendars.map((c) => c.code)).toEqual([
      'default',
      'madrid',
      'sabados',
    ]);
  });
});
