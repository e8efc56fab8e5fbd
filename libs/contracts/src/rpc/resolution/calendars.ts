import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsISO8601,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { ActorEnvelopeBase, ActorV1 } from '../../common.js';
import { JURISDICTION_CODE_PATTERN } from '../intake/catalogue.js';
import { Limits } from '../../limits.js';
import { defineEvent } from '../../events/envelope.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';

/**
 * Business calendars and their holidays (`ResolutionRpc.Calendars`, `AddHoliday`, `RemoveHoliday`,
 * `ImportHolidays`). Resolution keeps them beside the SLA clocks that count them. The calendar
 * `default` is the deployment's (zone CAU_TIME_ZONE, Monday–Friday 08:00–16:00); others belong to
 * jurisdictions that keep their own.
 */

export const DEFAULT_CALENDAR_CODE = 'default';
export const CALENDAR_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
/** A local date, as the HTTP API and the CSV import write it. */
export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const HOLIDAY_NAME_MAX = 120;
/** Lines of one CSV import: a year has far fewer holidays; more is a wrong file. */
export const HOLIDAY_IMPORT_MAX_ROWS = 366;
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

/** A clock time of a working window, HH:MM on 24 hours. */
export const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Four windows a day for seven days: more is not a working week. */
export const MAX_WORKING_WINDOWS = 28;
export const MAX_CALENDAR_JURISDICTIONS = 500;

/** One working window of a weekday (ISO: 1 = Monday … 7 = Sunday). */
export class WorkingWindowInputV1 {
  @IsInt()
  @Min(1)
  @Max(7)
  day!: number;

  @IsDefined()
  @IsString()
  @Matches(CLOCK_TIME_PATTERN)
  start!: string;

  @IsDefined()
  @IsString()
  @Matches(CLOCK_TIME_PATTERN)
  end!: string;
}

/**
 * HTTP body of "create or change a calendar" (`PUT /api/v1/sla/calendars/{code}`): its zone, its working
 * windows and the jurisdictions whose tickets count on it (a jurisdiction named here leaves the calendar it
 * had; one left out of the list goes back to the deployment's calendar).
 */
export class CalendarInputV1 {
  /** An IANA time zone, e.g. America/Argentina/Buenos_Aires. */
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(64)
  zone!: string;

  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_WORKING_WINDOWS)
  @ValidateNested({ each: true })
  @Type(() => WorkingWindowInputV1)
  week!: WorkingWindowInputV1[];

  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_CALENDAR_JURISDICTIONS)
  @IsString({ each: true })
  @Matches(JURISDICTION_CODE_PATTERN, { each: true })
  @MaxLength(Limits.jurisdictionCode, { each: true })
  jurisdictions!: string[];
}

export class SaveCalendarCommandV1 extends CalendarInputV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;

  @IsDefined()
  @IsString()
  @Matches(CALENDAR_CODE_PATTERN)
  code!: string;
}

/** The schema of a calendar's `week`, which its rules (an object) cannot state: windows by weekday. */
const WEEK_SCHEMA = {
  type: 'object' as const,
  description: 'Horario hábil por día ISO de la semana ("1" = lunes … "7" = domingo); los días ausentes no son hábiles',
  additionalProperties: {
    type: 'array' as const,
    items: {
      type: 'object' as const,
      properties: {
        start: { type: 'string' as const, example: '08:00' },
        end: { type: 'string' as const, example: '16:00' },
      },
      required: ['start', 'end'],
    },
  },
};

/** A calendar as saved: zone, windows per weekday, jurisdictions (holidays are kept apart). */
export class CalendarSettingsV1 {
  @Matches(CALENDAR_CODE_PATTERN)
  @Documented({ example: 'default', description: '«default»: el calendario general de la instalación' })
  code!: string;

  @IsString()
  @Documented({ example: 'America/Argentina/Buenos_Aires' })
  zone!: string;

  /** Working windows per ISO weekday ("1" = Monday … "7" = Sunday); days not named are off. */
  @IsObject()
  @JSONSchema(WEEK_SCHEMA)
  week!: Record<string, WorkingWindowV1[]>;

  /** Jurisdictions whose tickets count on this calendar (none for `default`: it is everyone else's). */
  @IsString({ each: true })
  @Documented({ description: 'Jurisdicciones que cuentan con este calendario' })
  jurisdictions!: string[];
}

export class CalendarSavedV1 {
  @ValidateNested()
  @Type(() => CalendarSettingsV1)
  @Documented({ nullable: true, description: 'null: el calendario es nuevo' })
  before!: CalendarSettingsV1 | null;

  @ValidateNested()
  @Type(() => CalendarSettingsV1)
  after!: CalendarSettingsV1;
}

/** HTTP body of "add a holiday". */
export class AddHolidayBodyV1 {
  /** Local date in the calendar's zone, YYYY-MM-DD. */
  @IsDefined()
  @IsString()
  @Matches(LOCAL_DATE_PATTERN)
  date!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(HOLIDAY_NAME_MAX)
  name!: string;
}

export class CalendarsQueryV1 extends ActorEnvelopeBase {
  @IsInt()
  @Min(MIN_CALENDAR_YEAR)
  @Max(MAX_CALENDAR_YEAR)
  year!: number;
}

export class AddHolidayCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsString()
  @Matches(CALENDAR_CODE_PATTERN)
  calendar!: string;

  @IsDefined()
  @IsString()
  @Matches(LOCAL_DATE_PATTERN)
  date!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(HOLIDAY_NAME_MAX)
  name!: string;
}

export class RemoveHolidayCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsString()
  @Matches(CALENDAR_CODE_PATTERN)
  calendar!: string;

  @IsDefined()
  @IsString()
  @Matches(LOCAL_DATE_PATTERN)
  date!: string;
}

/** One data line of an imported CSV file, as read (checked by resolution, which reports it by `line`). */
export class HolidayImportRowV1 {
  @IsInt()
  @Min(1)
  line!: number;

  @IsString()
  @MaxLength(200)
  date!: string;

  @IsString()
  @MaxLength(1000)
  name!: string;
}

/** A year's holidays, all or nothing: one bad row refuses the whole import, each bad row named by line. */
export class ImportHolidaysCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsString()
  @Matches(CALENDAR_CODE_PATTERN)
  calendar!: string;

  @IsInt()
  @Min(MIN_CALENDAR_YEAR)
  @Max(MAX_CALENDAR_YEAR)
  year!: number;

  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(HOLIDAY_IMPORT_MAX_ROWS)
  @ValidateNested({ each: true })
  @Type(() => HolidayImportRowV1)
  rows!: HolidayImportRowV1[];
}

export class HolidayV1 {
  /** YYYY-MM-DD, local to the calendar's zone. */
  @Matches(LOCAL_DATE_PATTERN)
  @Documented({ example: '2026-03-24', description: 'Fecha local del calendario (AAAA-MM-DD)' })
  date!: string;

  @IsString()
  @Documented({ nullable: true, example: 'Día Nacional de la Memoria' })
  name!: string | null;
}

export class WorkingWindowV1 {
  @Matches(CLOCK_TIME_PATTERN)
  start!: string;

  @Matches(CLOCK_TIME_PATTERN)
  end!: string;
}

export class CalendarV1 extends CalendarSettingsV1 {
  /** The holidays of the year asked for, by date. */
  @ValidateNested({ each: true })
  @Type(() => HolidayV1)
  @Documented({ description: 'Los feriados del año pedido, por fecha' })
  holidays!: HolidayV1[];
}

export class CalendarsV1 {
  @IsInt()
  year!: number;

  @ValidateNested({ each: true })
  @Type(() => CalendarV1)
  calendars!: CalendarV1[];
}

/** The answer to `ImportHolidays`: how many rows were new and how many renamed an existing holiday. */
export class HolidayImportResultV1 {
  @Matches(CALENDAR_CODE_PATTERN)
  @Documented({ example: 'default' })
  calendar!: string;

  @IsInt()
  year!: number;

  @IsInt()
  @Documented({ description: 'Fechas nuevas' })
  added!: number;

  @IsInt()
  @Documented({ description: 'Fechas que ya estaban y cambiaron de nombre' })
  updated!: number;

  @IsInt()
  @Documented({ description: 'Fechas que ya estaban con el mismo nombre' })
  unchanged!: number;
}

/** The answer to `AddHoliday` and `RemoveHoliday`: the holiday as stored, or as it was before removal. */
export class HolidayChangeV1 {
  @Matches(CALENDAR_CODE_PATTERN)
  @Documented({ example: 'default' })
  calendar!: string;

  @ValidateNested()
  @Type(() => HolidayV1)
  holiday!: HolidayV1;
}

/** One calendar whole, as `sla.calendars-changed` states it: every holiday it keeps, of every year. */
export class CalendarDefinitionV1 {
  @IsString()
  @Matches(CALENDAR_CODE_PATTERN)
  code!: string;

  @IsString()
  zone!: string;

  /** Working windows per ISO weekday ("1" = Monday … "7" = Sunday); days not named are off. */
  @IsObject()
  week!: Record<string, WorkingWindowV1[]>;

  @IsArray()
  @IsString({ each: true })
  jurisdictions!: string[];

  @IsArray()
  @Matches(LOCAL_DATE_PATTERN, { each: true })
  holidays!: string[];
}

/**
 * `sla.calendars-changed`: the business calendars resolution counts SLAs on, whole, announced whenever
 * they differ from the last announcement (a holiday added, removed or imported; an edit found at start).
 * `version` grows with each announcement, so a reader keeps the newest and ignores an older one.
 */
export class CalendarsChangedV1 {
  @IsInt()
  @Min(1)
  version!: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CalendarDefinitionV1)
  calendars!: CalendarDefinitionV1[];

  @IsISO8601()
  at!: string;
}

export const CalendarEvents = {
  CalendarsChanged: defineEvent('sla.calendars-changed', 1, CalendarsChangedV1),
} as const;
