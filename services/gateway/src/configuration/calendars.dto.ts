import { ApiProperty } from '@nestjs/swagger';
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

// Documentation of resolution's answers, which the gateway passes through unchanged.

export class HolidayResponse {
  @ApiProperty({ example: '2026-03-24', description: 'Fecha local del calendario (AAAA-MM-DD)' })
  date!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Día Nacional de la Memoria' })
  name!: string | null;
}

class CalendarDefinitionResponse {
  @ApiProperty({ example: 'default', description: '«default»: el calendario general de la instalación' })
  code!: string;

  @ApiProperty({ example: 'America/Argentina/Buenos_Aires' })
  zone!: string;

  @ApiProperty({
    description:
      'Horario hábil por día ISO de la semana ("1" = lunes … "7" = domingo); los días ausentes no son hábiles',
    type: 'object',
    additionalProperties: {
      type: 'array',
      items: {
        type: 'object',
        properties: { start: { type: 'string', example: '08:00' }, end: { type: 'string', example: '16:00' } },
        required: ['start', 'end'],
      },
    },
  })
  week!: Record<string, Array<{ start: string; end: string }>>;

  @ApiProperty({ type: [String], description: 'Jurisdicciones que cuentan con este calendario' })
  jurisdictions!: string[];
}

class CalendarResponse extends CalendarDefinitionResponse {
  @ApiProperty({ type: [HolidayResponse], description: 'Los feriados del año pedido, por fecha' })
  holidays!: HolidayResponse[];
}

export class CalendarsResponse {
  @ApiProperty()
  year!: number;

  @ApiProperty({ type: [CalendarResponse] })
  calendars!: CalendarResponse[];
}

export class CalendarSavedResponse {
  @ApiProperty({ type: CalendarDefinitionResponse, nullable: true, description: 'null: el calendario es nuevo' })
  before!: CalendarDefinitionResponse | null;

  @ApiProperty({ type: CalendarDefinitionResponse })
  after!: CalendarDefinitionResponse;
}

export class HolidayChangeResponse {
  @ApiProperty({ example: 'default' })
  calendar!: string;

  @ApiProperty({ type: HolidayResponse })
  holiday!: HolidayResponse;
}

export class HolidayImportResponse {
  @ApiProperty({ example: 'default' })
  calendar!: string;

  @ApiProperty()
  year!: number;

  @ApiProperty({ description: 'Fechas nuevas' })
  added!: number;

  @ApiProperty({ description: 'Fechas que ya estaban y cambiaron de nombre' })
  updated!: number;

  @ApiProperty({ description: 'Fechas que ya estaban con el mismo nombre' })
  unchanged!: number;
}
