import { Injectable } from '@nestjs/common';
import { sql, type Expression, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { EntityManager } from 'typeorm';
import { DEFAULT_CALENDAR_CODE, type CalendarSettingsV1, type CalendarV1, type HolidayV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { ResolutionSettings } from '../config/resolution-settings.js';
import { resolutionRows as db } from '../rows.js';
import type { DB } from '../rows.generated.js';
import { CalendarBook, defaultCalendar, type CalendarDefinition, type CalendarRow } from '@cau/business-time';

/** A holiday's day as the local date it is, YYYY-MM-DD. */
function localDate(day: Expression<Date>): RawBuilder<string> {
  return sql<string>`to_char(${day}, 'YYYY-MM-DD')`;
}

/** A local date (YYYY-MM-DD) compared with a date column, sent as the text it is (a `Date` is an instant, not a day). */
function day(date: string): RawBuilder<Date> {
  return sql<Date>`${date}`;
}

/** What an array aggregate of no rows answers instead of null. */
const noneYet = sql<string[]>`'{}'`;

/** The jurisdictions that follow calendar `c`, in order (none yet: an empty list). */
const jurisdictionsOf = (eb: ExpressionBuilder<DB & { c: DB['calendars'] }, 'c'>) =>
  eb.fn
    .coalesce(
      eb
        .selectFrom('jurisdiction_calendars as j')
        .select((j) => j.fn.agg<string[]>('array_agg', ['j.jurisdiction']).orderBy('j.jurisdiction').as('a'))
        .whereRef('j.calendar', '=', 'c.code'),
      noneYet,
    )
    .as('jurisdictions');

/** Business calendars: the deployment's (CAU_TIME_ZONE) and those of jurisdictions that keep their own. */
@Injectable()
export class CalendarRepository {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly settings: ResolutionSettings,
  ) {}

  async book(tx: EntityManager): Promise<CalendarBook> {
    const calendars = await fetchRows(tx, db.selectFrom('calendars').select(['code', 'zone', 'week']));
    const holidays = await fetchRows(
      tx,
      db.selectFrom('holidays').select((eb) => ['calendar', localDate(eb.ref('day')).as('day')]),
    );
    const assignments = await fetchRows(
      tx,
      db.selectFrom('jurisdiction_calendars').select(['jurisdiction', 'calendar']),
    );
    return CalendarBook.build(this.settings.timeZone, calendars, holidays, assignments);
  }

  /** Every calendar whole, with all its holidays, in a stable order (what `sla.calendars-changed` states). */
  async definitions(tx: EntityManager): Promise<CalendarDefinition[]> {
    const calendars = await fetchRows(
      tx,
      db
        .selectFrom('calendars as c')
        .select((eb) => [
          'c.code',
          'c.zone',
          'c.week',
          jurisdictionsOf(eb),
          eb.fn
            .coalesce(
              eb
                .selectFrom('holidays as h')
                .select((h) =>
                  h.fn
                    .agg<string[]>('array_agg', [localDate(h.ref('h.day'))])
                    .orderBy('h.day')
                    .as('a'),
                )
                .whereRef('h.calendar', '=', 'c.code'),
              noneYet,
            )
            .as('holidays'),
        ])
        .orderBy('c.code'),
    );
    const fallback = await fetchFirst(
      tx,
      db
        .selectFrom('holidays')
        .select((eb) =>
          eb.fn
            .coalesce(eb.fn.agg<string[]>('array_agg', [localDate(eb.ref('day'))]).orderBy('day'), noneYet)
            .as('holidays'),
        )
        .where('calendar', '=', DEFAULT_CALENDAR_CODE),
    );
    const deployment = defaultCalendar(this.settings.timeZone);
    return [
      {
        code: DEFAULT_CALENDAR_CODE,
        zone: deployment.zone,
        week: deployment.week,
        jurisdictions: [],
        holidays: fallback?.holidays ?? [],
      },
      ...calendars,
    ];
  }

  /** Every calendar, the deployment's first, with the holidays of `year`. */
  async list(year: number, tx: EntityManager = this.runtime.dataSource.manager): Promise<CalendarV1[]> {
    const calendars = await fetchRows(
      tx,
      db
        .selectFrom('calendars as c')
        .leftJoin('jurisdiction_calendars as j', 'j.calendar', 'c.code')
        .select((eb) => [
          'c.code',
          'c.zone',
          'c.week',
          eb.fn
            .coalesce(
              eb.fn
                .agg<string[]>('array_agg', ['j.jurisdiction'])
                .orderBy('j.jurisdiction')
                .filterWhere('j.jurisdiction', 'is not', null),
              noneYet,
            )
            .as('jurisdictions'),
        ])
        .groupBy('c.code')
        .orderBy('c.code'),
    );
    const holidays = await fetchRows(
      tx,
      db
        .selectFrom('holidays')
        .select((eb) => ['calendar', localDate(eb.ref('day')).as('date'), 'name'])
        .where((eb) =>
          eb.and([
            eb('day', '>=', eb.fn<Date>('make_date', [eb.val(year), sql.lit(1), sql.lit(1)])),
            eb('day', '<', eb.fn<Date>('make_date', [eb.val(year + 1), sql.lit(1), sql.lit(1)])),
          ]),
        )
        .orderBy('day'),
    );
    const holidaysOf = (code: string): HolidayV1[] =>
      holidays.filter((h) => h.calendar === code).map((h) => ({ date: h.date, name: h.name }));
    const fallback = defaultCalendar(this.settings.timeZone);
    return [
      {
        code: DEFAULT_CALENDAR_CODE,
        zone: fallback.zone,
        week: fallback.week,
        jurisdictions: [],
        holidays: holidaysOf(DEFAULT_CALENDAR_CODE),
      },
      ...calendars.map((c) => ({
        code: c.code,
        zone: c.zone,
        week: c.week,
        jurisdictions: c.jurisdictions,
        holidays: holidaysOf(c.code),
      })),
    ];
  }

  /** Whether holidays may be kept for `code`: the deployment's calendar, or one in `calendars`. */
  async exists(tx: EntityManager, code: string): Promise<boolean> {
    if (code === DEFAULT_CALENDAR_CODE) return true;
    const row = await fetchFirst(
      tx,
      db
        .selectFrom('calendars')
        .select(sql<number>`1`.as('found'))
        .where('code', '=', code),
    );
    return row !== null;
  }

  async holiday(tx: EntityManager, calendar: string, date: string): Promise<HolidayV1 | null> {
    return fetchFirst(
      tx,
      db
        .selectFrom('holidays')
        .select((eb) => [localDate(eb.ref('day')).as('date'), 'name'])
        .where('calendar', '=', calendar)
        .where('day', '=', day(date)),
    );
  }

  /** Adds the holiday; false when the calendar already has one that day (nothing changed). */
  async addHoliday(tx: EntityManager, calendar: string, holiday: HolidayV1): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      db
        .insertInto('holidays')
        .values({ calendar, day: holiday.date, name: holiday.name })
        .onConflict((conflict) => conflict.columns(['calendar', 'day']).doNothing())
        .returning(sql<number>`1`.as('added')),
    );
    return rows.length > 0;
  }

  /** Removes the holiday and returns it, or null when there was none. */
  async removeHoliday(tx: EntityManager, calendar: string, date: string): Promise<HolidayV1 | null> {
    return fetchFirst(
      tx,
      db
        .deleteFrom('holidays')
        .where('calendar', '=', calendar)
        .where('day', '=', day(date))
        .returning((eb) => [localDate(eb.ref('day')).as('date'), 'name']),
    );
  }

  /**
   * Stores the holidays: new dates are added, a date already kept takes the imported name. Returns how
   * many were added, renamed and left as they were.
   */
  async importHolidays(
    tx: EntityManager,
    calendar: string,
    holidays: readonly { date: string; name: string }[],
  ): Promise<{ added: number; updated: number; unchanged: number }> {
    const given = sql<{ day: Date; name: string }>`unnest(${holidays.map((h) => h.date)}::date[], ${holidays.map(
      (h) => h.name,
    )}::text[])`.as<'i'>(sql`i (day, name)`);
    const rows = await fetchRows(
      tx,
      db
        .with('incoming', (q) => q.selectFrom(given).select(['i.day', 'i.name']))
        .with('previous', (q) =>
          q
            .selectFrom('holidays as h')
            .innerJoin('incoming', 'incoming.day', 'h.day')
            .select(['h.day', 'h.name'])
            .where('h.calendar', '=', calendar),
        )
        .with('stored', (q) =>
          q
            .insertInto('holidays')
            .columns(['calendar', 'day', 'name'])
            .expression((eb) =>
              eb.selectFrom('incoming').select((i) => [i.val(calendar).as('calendar'), 'day', 'name']),
            )
            .onConflict((conflict) =>
              conflict.columns(['calendar', 'day']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })),
            )
            .returning(['day', 'name']),
        )
        .selectFrom('stored as s')
        .leftJoin('previous as p', 'p.day', 's.day')
        .select((eb) => [
          eb('p.day', 'is', null).as('added'),
          eb.and([eb('p.day', 'is not', null), eb('p.name', 'is distinct from', eb.ref('s.name'))]).as('changed'),
        ]),
    );
    const added = rows.filter((r) => r.added).length;
    const updated = rows.filter((r) => r.changed).length;
    return { added, updated, unchanged: rows.length - added - updated };
  }

  /** A jurisdictions' calendar without its holidays, or null when there is none of that code. */
  async definition(tx: EntityManager, code: string): Promise<CalendarSettingsV1 | null> {
    return fetchFirst(
      tx,
      db
        .selectFrom('calendars as c')
        .select((eb) => ['c.code', 'c.zone', 'c.week', jurisdictionsOf(eb)])
        .where('c.code', '=', code),
    );
  }

  /**
   * Creates or changes the calendar and makes it the calendar of exactly `jurisdictions`: those named
   * leave the calendar they had, those it had and are not named go back to the deployment's.
   */
  async saveCalendar(
    tx: EntityManager,
    calendar: { code: string; zone: string; week: CalendarRow['week']; jurisdictions: readonly string[] },
  ): Promise<void> {
    await execute(
      tx,
      db
        .insertInto('calendars')
        .values({ code: calendar.code, zone: calendar.zone, week: JSON.stringify(calendar.week) })
        .onConflict((conflict) =>
          conflict
            .column('code')
            .doUpdateSet((eb) => ({ zone: eb.ref('excluded.zone'), week: eb.ref('excluded.week') })),
        ),
    );
    const named = sql<string[]>`${calendar.jurisdictions}::text[]`;
    await execute(
      tx,
      db
        .deleteFrom('jurisdiction_calendars')
        .where('calendar', '=', calendar.code)
        .where((eb) => eb.not(eb('jurisdiction', '=', eb.fn.any(named)))),
    );
    const jurisdictions = sql<{ jurisdiction: string }>`unnest(${named})`.as<'j'>(sql`j (jurisdiction)`);
    await execute(
      tx,
      db
        .insertInto('jurisdiction_calendars')
        .columns(['jurisdiction', 'calendar'])
        .expression((eb) =>
          eb.selectFrom(jurisdictions).select((j) => ['j.jurisdiction', j.val(calendar.code).as('calendar')]),
        )
        .onConflict((conflict) =>
          conflict.column('jurisdiction').doUpdateSet((eb) => ({ calendar: eb.ref('excluded.calendar') })),
        ),
    );
  }
}
