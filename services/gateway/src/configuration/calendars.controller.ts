import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AddHolidayBodyV1,
  CALENDAR_CODE_PATTERN,
  CalendarInputV1,
  CalendarSavedV1,
  CalendarsV1,
  HolidayChangeV1,
  HolidayImportResultV1,
  LOCAL_DATE_PATTERN,
  ResolutionRpc,
  Role,
  STAFF_ROLES,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ResolutionClient } from '../http/service-clients.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { CalendarCodeParams, CalendarsQuery, HolidayParams, ImportHolidaysRequest } from './calendars.dto.js';
import { ManageCalendarsUseCase } from './manage-calendars.use-case.js';

const CODE_PARAM = {
  name: 'code',
  schema: { type: 'string', pattern: CALENDAR_CODE_PATTERN.source },
  example: 'default',
};

@ApiTags('configuration')
@Controller('api/v1/sla/calendars')
export class CalendarsController {
  constructor(
    private readonly resolution: ResolutionClient,
    private readonly calendars: ManageCalendarsUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Calendarios hábiles con los feriados de un año',
    description: 'Los plazos de los niveles de servicio se cuentan en horario hábil, sin feriados.',
  })
  @ApiQueryFromContract(CalendarsQuery)
  @ApiOkResponse({ schema: contractSchemaRef(CalendarsV1) })
  @ApiErrors(400, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(CalendarsQuery, ['year'])) { year }: CalendarsQuery,
  ): Promise<CalendarsV1> {
    return this.resolution.request(ResolutionRpc.Calendars, { actor, year });
  }

  @Put(':code')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Crea o cambia el calendario hábil de unas jurisdicciones',
    description:
      'Zona horaria IANA, franjas de horario por día de la semana y las jurisdicciones que cuentan con él (las ' +
      'nombradas dejan el calendario que tenían; las que tenía y no se nombran vuelven al general). Los ' +
      'vencimientos de los tickets abiertos se recalculan al instante. El calendario general («default») se ' +
      'configura con CAU_TIME_ZONE.',
  })
  @ApiParam(CODE_PARAM)
  @ApiBody({ schema: contractSchemaRef(CalendarInputV1) })
  @ApiOkResponse({ schema: contractSchemaRef(CalendarSavedV1) })
  @ApiErrors(400, 413, 415, 503)
  save(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CalendarCodeParams)) { code }: CalendarCodeParams,
    @Body(new ContractPipe(CalendarInputV1)) body: CalendarInputV1,
  ): Promise<CalendarSavedV1> {
    return this.calendars.saveCalendar(actor, code, body);
  }

  @Post(':code/holidays')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Agrega un feriado',
    description: 'Los vencimientos de los tickets abiertos y de los nuevos se recalculan al instante.',
  })
  @ApiParam(CODE_PARAM)
  @ApiBody({ schema: contractSchemaRef(AddHolidayBodyV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(HolidayChangeV1) })
  @ApiErrors(400, 404, 413, 415, 503)
  add(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CalendarCodeParams)) { code }: CalendarCodeParams,
    @Body(new ContractPipe(AddHolidayBodyV1)) body: AddHolidayBodyV1,
  ): Promise<HolidayChangeV1> {
    return this.calendars.addHoliday(actor, code, body);
  }

  @Delete(':code/holidays/:date')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Quita un feriado; los vencimientos se recalculan' })
  @ApiParam(CODE_PARAM)
  @ApiParam({ name: 'date', schema: { type: 'string', pattern: LOCAL_DATE_PATTERN.source }, example: '2026-03-24' })
  @ApiOkResponse({ schema: contractSchemaRef(HolidayChangeV1), description: 'El feriado quitado' })
  @ApiErrors(400, 404, 503)
  remove(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(HolidayParams)) { code, date }: HolidayParams,
  ): Promise<HolidayChangeV1> {
    return this.calendars.removeHoliday(actor, code, date);
  }

  @Post(':code/holidays/import')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Importa los feriados de un año desde un CSV (fecha,nombre)',
    description:
      'Todo o nada: si alguna línea no es válida no se guarda ninguna, y la respuesta 400 nombra cada línea. Las fechas ya cargadas toman el nombre del archivo.',
  })
  @ApiParam(CODE_PARAM)
  @ApiBody({ schema: contractSchemaRef(ImportHolidaysRequest) })
  @ApiOkResponse({ schema: contractSchemaRef(HolidayImportResultV1) })
  @ApiErrors(400, 404, 413, 415, 503)
  import(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CalendarCodeParams)) { code }: CalendarCodeParams,
    @Body(new ContractPipe(ImportHolidaysRequest)) { year, csv }: ImportHolidaysRequest,
  ): Promise<HolidayImportResultV1> {
    return this.calendars.importHolidays(actor, code, year, csv);
  }
}
