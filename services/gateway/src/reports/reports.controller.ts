import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import {
  DESK_REPORT_ROLES,
  KpiReportParamsV1,
  KpiReportV1,
  ProblemsReportParamsV1,
  ProblemsReportV1,
  ProductivityReportParamsV1,
  ProductivityReportV1,
  RecurringReportParamsV1,
  RecurringReportV1,
  REPORT_ROLES,
  ReportLimits,
  ReportingRpc,
  ReadModelRebuildIdV1,
  ReadModelRebuildV1,
  ReportScheduleIdV1,
  ReportScheduleInputV1,
  ReportScheduleV1,
  Role,
  TicketFiltersV1,
  YearlyReportParamsV1,
  YearlyReportV1,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { ReportingClient } from '../http/service-clients.js';
import { ExportTicketPagesUseCase } from './export-ticket-pages.use-case.js';
import { kpiCsv, kpiXlsx, productivityXlsx } from './kpi-export.js';
import { TICKET_FILTER_CONVERSIONS, TICKET_FILTER_DOCS } from '../tickets/ticket-list-query.js';
import { ticketsCsv, ticketsXlsx } from './ticket-export.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TICKET_EXPORT_RULES =
  'Los mismos filtros que `GET /api/v1/tickets` (sin `sort`, `cursor`, `before` ni `limit`): todos los tickets que la cuenta ve, ' +
  `del más reciente al más antiguo, leídos de a ${ReportLimits.exportPageSize} y enviados a medida que se leen. ` +
  'Un filtro inválido responde 400 antes del primer byte; un fallo a mitad corta la conexión.';
const PERIOD_RULES =
  'Fechas locales (CAU_TIME_ZONE): `from` incluida, `to` excluida; como máximo 5 años, y 366 días por día. ' +
  'Supervisores, administradores y operadores ven toda la mesa; un agente, su área; un referente, su jurisdicción ' +
  '(`scope`; con alcance, solo se desglosa por esa misma dimensión). Definiciones: docs/indicators.md.';

/** Reporting computes and checks the reports (periods, roles) and keeps the schedules; routes pass the actor along. */
@ApiTags('reports')
@Controller('api/v1/reports')
@Roles(...REPORT_ROLES)
export class ReportsController {
  constructor(
    private readonly reporting: ReportingClient,
    private readonly exports: ExportTicketPagesUseCase,
  ) {}

  @Get('kpis')
  @ApiOperation({ summary: 'Indicadores por período, en general o por dimensión', description: PERIOD_RULES })
  @ApiQueryFromContract(KpiReportParamsV1)
  @ApiOkResponse({
    schema: contractSchemaRef(KpiReportV1),
    description: 'Una fila por período (y valor de la dimensión)',
  })
  @ApiErrors(400, 403, 503)
  kpis(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(KpiReportParamsV1)) params: KpiReportParamsV1,
  ): Promise<KpiReportV1> {
    return this.reporting.request(ReportingRpc.Kpis, { actor, ...params });
  }

  @Get('kpis.csv')
  @ApiOperation({ summary: 'Los indicadores en CSV (UTF-8)', description: PERIOD_RULES })
  @ApiQueryFromContract(KpiReportParamsV1)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Una línea por período (y valor de la dimensión), con cabecera',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 403, 503)
  async kpisCsv(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(KpiReportParamsV1)) params: KpiReportParamsV1,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const report = await this.reporting.request(ReportingRpc.Kpis, { actor, ...params });
    send(reply, 'text/csv; charset=utf-8', fileName(report, 'csv'), kpiCsv(report));
  }

  @Get('kpis.xlsx')
  @ApiOperation({ summary: 'Los indicadores en una hoja de cálculo XLSX', description: PERIOD_RULES })
  @ApiQueryFromContract(KpiReportParamsV1)
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: 'Hoja «Indicadores» con las mismas columnas que el CSV',
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 403, 503)
  async kpisXlsx(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(KpiReportParamsV1)) params: KpiReportParamsV1,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const report = await this.reporting.request(ReportingRpc.Kpis, { actor, ...params });
    send(reply, XLSX, fileName(report, 'xlsx'), await kpiXlsx(report));
  }

  @Get('recurring')
  @ApiOperation({
    summary: 'Incidentes recurrentes del período, por categoría, solicitante o jurisdicción',
    description: PERIOD_RULES,
  })
  @ApiQueryFromContract(RecurringReportParamsV1)
  @ApiOkResponse({
    schema: contractSchemaRef(RecurringReportV1),
    description: 'Los grupos que se repiten, del más repetido al menos',
  })
  @ApiErrors(400, 403, 503)
  recurring(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(RecurringReportParamsV1, ['minCount', 'limit'])) params: RecurringReportParamsV1,
  ): Promise<RecurringReportV1> {
    return this.reporting.request(ReportingRpc.Recurring, { actor, ...params });
  }

  @Get('problems')
  @ApiOperation({
    summary: 'Problemas abiertos y sus incidentes: vinculados, sin cerrar y registrados en el período',
    description:
      'Fechas locales (CAU_TIME_ZONE): `from` incluida, `to` excluida. Supervisores, administradores y operadores ' +
      'ven todos los problemas; un agente, los de su área; un referente no los ve (403), como en los problemas mismos.',
  })
  @ApiQueryFromContract(ProblemsReportParamsV1)
  @ApiOkResponse({ schema: contractSchemaRef(ProblemsReportV1), description: 'Los problemas abiertos y cuántos hay' })
  @ApiErrors(400, 403, 503)
  problems(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(ProblemsReportParamsV1)) params: ProblemsReportParamsV1,
  ): Promise<ProblemsReportV1> {
    return this.reporting.request(ReportingRpc.Problems, { actor, ...params });
  }

  @Get('yearly')
  @ApiOperation({ summary: 'Por año: tickets, servicios realizados y jurisdicciones atendidas (hasta 5 años)' })
  @ApiQueryFromContract(YearlyReportParamsV1)
  @ApiOkResponse({ schema: contractSchemaRef(YearlyReportV1), description: 'Un elemento por año pedido' })
  @ApiErrors(400, 403, 503)
  yearly(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(YearlyReportParamsV1, ['fromYear', 'toYear'])) params: YearlyReportParamsV1,
  ): Promise<YearlyReportV1> {
    return this.reporting.request(ReportingRpc.Yearly, { actor, ...params });
  }

  @Get('productivity')
  @ApiOperation({
    summary: 'Productividad del período: por técnico, lo que resolvió cada área y por tipo de ticket',
    description:
      PERIOD_RULES +
      ' Un agente ve lo hecho en su área (tomados y trabajo registrado allí, resueltos con la solución del área); ' +
      'un referente, los tickets de su jurisdicción.',
  })
  @ApiQueryFromContract(ProductivityReportParamsV1)
  @ApiOkResponse({
    schema: contractSchemaRef(ProductivityReportV1),
    description: 'Técnicos, áreas y tipos del período',
  })
  @ApiErrors(400, 403, 503)
  productivity(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(ProductivityReportParamsV1)) params: ProductivityReportParamsV1,
  ): Promise<ProductivityReportV1> {
    return this.reporting.request(ReportingRpc.Productivity, { actor, ...params });
  }

  @Get('productivity.xlsx')
  @ApiOperation({ summary: 'La productividad del período en una hoja de cálculo XLSX', description: PERIOD_RULES })
  @ApiQueryFromContract(ProductivityReportParamsV1)
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: 'Hojas «Técnicos», «Áreas» y «Tipos»',
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 403, 503)
  async productivityXlsx(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(ProductivityReportParamsV1)) params: ProductivityReportParamsV1,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const report = await this.reporting.request(ReportingRpc.Productivity, { actor, ...params });
    send(reply, XLSX, `productividad-${report.from}-${report.to}.xlsx`, await productivityXlsx(report));
  }

  @Get('tickets.csv')
  @Roles(...DESK_REPORT_ROLES)
  @ApiOperation({ summary: 'La lista de tickets filtrada, completa, en CSV (UTF-8)', description: TICKET_EXPORT_RULES })
  @ApiQueryFromContract(TicketFiltersV1, TICKET_FILTER_DOCS)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Una línea por ticket, con cabecera',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 403, 503)
  async ticketsCsv(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(TicketFiltersV1, TICKET_FILTER_CONVERSIONS)) filters: TicketFiltersV1,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pages = await this.exports.ticketPages(actor, filters);
    send(reply, 'text/csv; charset=utf-8', 'tickets.csv', ticketsCsv(pages));
  }

  @Get('tickets.xlsx')
  @Roles(...DESK_REPORT_ROLES)
  @ApiOperation({ summary: 'La lista de tickets filtrada, completa, en XLSX', description: TICKET_EXPORT_RULES })
  @ApiQueryFromContract(TicketFiltersV1, TICKET_FILTER_DOCS)
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: 'Hoja «Tickets» con las mismas columnas que el CSV',
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 403, 503)
  async ticketsXlsx(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(TicketFiltersV1, TICKET_FILTER_CONVERSIONS)) filters: TicketFiltersV1,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pages = await this.exports.ticketPages(actor, filters);
    send(reply, XLSX, 'tickets.xlsx', await ticketsXlsx(pages));
  }

  @Get('schedules')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Los reportes programados (diarios, semanales, mensuales) y sus destinatarios' })
  @ApiOkResponse({
    schema: { type: 'array', items: contractSchemaRef(ReportScheduleV1) },
    description: 'Cada programación con el último período enviado',
  })
  @ApiErrors(403, 503)
  listSchedules(@CurrentActor() actor: ActorV1): Promise<ReportScheduleV1[]> {
    return this.reporting.request(ReportingRpc.ListSchedules, { actor });
  }

  @Post('schedules')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Programa un resumen por correo del día, la semana (lunes a domingo) o el mes que termina',
    description:
      'Se envía una vez por período, al terminar el período en CAU_TIME_ZONE, a cada destinatario (hasta 20), ' +
      'en el idioma indicado (`es` si no se indica).',
  })
  @ApiBody({ schema: contractSchemaRef(ReportScheduleInputV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(ReportScheduleV1), description: 'Programado' })
  @ApiErrors(400, 403, 503)
  createSchedule(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(ReportScheduleInputV1)) schedule: ReportScheduleInputV1,
  ): Promise<ReportScheduleV1> {
    return this.reporting.request(ReportingRpc.CreateSchedule, { actor, schedule }, 'schedule');
  }

  @Delete('schedules/:id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Deja de enviar un reporte programado' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiNoContentResponse({ description: 'Eliminado' })
  @ApiErrors(400, 403, 404, 503)
  async deleteSchedule(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(ReportScheduleIdV1)) { id }: ReportScheduleIdV1,
  ): Promise<void> {
    await this.reporting.request(ReportingRpc.DeleteSchedule, { actor, id });
  }

  @Post('rebuild')
  @Roles(Role.Admin)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Reconstruye los modelos de lectura de los reportes desde el flujo de eventos',
    description:
      'Responde enseguida; las consultas siguen respondiendo con los modelos actuales hasta el reemplazo. ' +
      'Si ya hay una reconstrucción en curso, responde esa. También: `npm run reporting -- rebuild`.',
  })
  @ApiAcceptedResponse({ schema: contractSchemaRef(ReadModelRebuildV1), description: 'La reconstrucción y su avance' })
  @ApiErrors(403, 503)
  startRebuild(@CurrentActor() actor: ActorV1): Promise<ReadModelRebuildV1> {
    return this.reporting.request(ReportingRpc.StartRebuild, { actor });
  }

  @Get('rebuild/:id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'El avance de una reconstrucción (secuencia del flujo alcanzada, eventos aplicados)' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: contractSchemaRef(ReadModelRebuildV1), description: 'Estado: running, done o failed' })
  @ApiErrors(400, 403, 404, 503)
  rebuild(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(ReadModelRebuildIdV1)) { id }: ReadModelRebuildIdV1,
  ): Promise<ReadModelRebuildV1> {
    return this.reporting.request(ReportingRpc.RebuildStatus, { actor, id });
  }
}

/** Errors are raised before the first byte, so a refused export is an ordinary JSON error answer. */
function send(reply: FastifyReply, type: string, name: string, body: Readable): void {
  void reply.type(type).header('Content-Disposition', `attachment; filename="${name}"`).send(body);
}

function fileName(report: KpiReportV1, extension: string): string {
  const dimension = report.dimension ? `-${report.dimension}` : '';
  return `indicadores-${report.from}-${report.to}-${report.granularity}${dimension}.${extension}`;
}
