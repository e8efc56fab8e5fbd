import { IsDefined, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { CALENDAR_CODE_PATTERN, LOCAL_DATE_PATTERN, MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from '@cau/contracts';

/** A year's CSV file is a few hundred bytes; 64 KiB is far beyond any real one. */
export const HOLIDAY_CSV_MAX_CHARS = 65_536;

export class CalendarsQuery {
  @JSONSchema({ description: 'El año cuyos feriados se listan' })
  @IsInt()
  @Min(MIN_CALENDAR_YEAR)
  @Max(MAX_CALENDAR_YEAR)
  year!: number;
}

export class CalendarCodeParams {
  @Matches(CALENDAR_CODE_PATTERN)
  code!: string;
}

export class HolidayParams {
  @Matches(CALENDAR_CODE_PATTERN)
  code!: string;

  @Matches(LOCAL_DATE_PATTERN)
  date!: string;
}

export class ImportHolidaysRequest {
  @JSONSchema({ description: 'Año del archivo: toda fecha debe ser de ese año' })
  @IsDefined()
  @IsInt()
  @Min(MIN_CALENDAR_YEAR)
  @Max(MAX_CALENDAR_YEAR)
  year!: number;

  @JSONSchema({
    description:
      'El archivo CSV: una línea «fecha,nombre» por feriado (AAAA-MM-DD; «;» también separa; una primera línea «fecha,nombre» se ignora). Todo o nada.',
    example: 'fecha,nombre\n2026-01-01,Año Nuevo\n2026-03-24,Día Nacional de la Memoria',
  })
  @IsDefined()
  @IsString()
  @MaxLength(HOLIDAY_CSV_MAX_CHARS)
  csv!: string;
}
