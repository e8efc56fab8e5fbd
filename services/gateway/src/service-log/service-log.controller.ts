import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  INVENTORY_READ_ROLES,
  InventoryRpc,
  ROLES,
  ServiceLogLimits,
  ServiceLogPageV1,
  ServiceLogParamsV1,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { InventoryClient } from '../http/service-clients.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { TicketNumberParams } from '../tickets/ticket.dto.js';
import { serviceLogCsv } from './service-log-csv.js';
import { ServiceLogUseCase, type PdfFile } from './service-log.use-case.js';

const READ = [...INVENTORY_READ_ROLES];
const LOG_PARAMS = new ContractPipe(ServiceLogParamsV1, ['limit']);
const FILTERS_DOC =
  'Filtros: `inventoryNumber` (un número que no está en el inventario responde 400), `holderId` (quien tenía el ' +
  'equipo en resguardo), `from` y `to` (días AAAA-MM-DD de la oficina, ambos incluidos; `to` no anterior a `from`).';

function sendPdf(reply: FastifyReply, file: PdfFile): void {
  void reply
    .type('application/pdf')
    .header('Content-Disposition', `attachment; filename="${file.filename}"`)
    .send(file.pdf);
}

const PDF_RESPONSE = {
  description: 'El PDF',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
} as const;

/**
 * The service log (bitácora, MX-PR15 form F02; docs/domain.md § Field service) for staff, and each ticket's F01 for whoever may see
 * the ticket.
 */
@ApiTags('service-log')
@Controller('api/v1')
export class ServiceLogController {
  constructor(
    private readonly serviceLog: ServiceLogUseCase,
    private readonly inventory: InventoryClient,
  ) {}

  @Get('inventory/service-log')
  @Roles(...READ)
  @ApiOperation({
    summary: 'La bitácora de atención (F02): cada atención a cada equipo, en orden',
    description:
      'Una fila por atención: una visita registrada en un ticket que nombra el equipo, su salida a reparación, ' +
      `su retorno y la conformidad del ticket. La más antigua primero; páginas con \`cursor\`. ${FILTERS_DOC}`,
  })
  @ApiQueryFromContract(ServiceLogParamsV1)
  @ApiOkResponse({ schema: contractSchemaRef(ServiceLogPageV1) })
  @ApiErrors(400, 403, 503)
  list(@CurrentActor() actor: ActorV1, @Query(LOG_PARAMS) params: ServiceLogParamsV1): Promise<ServiceLogPageV1> {
    return this.inventory.request(InventoryRpc.ServiceLog, { actor, filters: params });
  }

  @Get('inventory/service-log.csv')
  @Roles(...READ)
  @ApiOperation({
    summary: 'La bitácora filtrada, completa, en CSV (UTF-8)',
    description: `Columnas: fecha, ticket, numero_inventario, tipo, usuario, atencion, detalle, realizo, numero_reporte, resultado, conformidad. ${FILTERS_DOC}`,
  })
  @ApiQueryFromContract(ServiceLogParamsV1)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Una línea por atención, con cabecera',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 403, 503)
  async csv(
    @CurrentActor() actor: ActorV1,
    @Query(LOG_PARAMS) params: ServiceLogParamsV1,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pages = await this.serviceLog.pages(actor, params);
    void reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="bitacora.csv"')
      .send(serviceLogCsv(pages));
  }

  @Get('inventory/service-log.pdf')
  @Roles(...READ)
  @ApiOperation({
    summary: 'La bitácora filtrada como el formulario F02 en PDF',
    description: `Hasta ${ServiceLogLimits.formRows} atenciones (más responde 400: acote el período o el equipo). ${FILTERS_DOC}`,
  })
  @ApiQueryFromContract(ServiceLogParamsV1)
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  @ApiErrors(400, 403, 503)
  async pdf(
    @CurrentActor() actor: ActorV1,
    @Query(LOG_PARAMS) params: ServiceLogParamsV1,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendPdf(reply, await this.serviceLog.form(actor, params));
  }

  @Get('tickets/:number/f01.pdf')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'El formulario F01 «Atención a Usuarios de la Unidad» del ticket, en PDF',
    description:
      'El reporte, el usuario, el equipo, el problema, las acciones (visitas, salidas a reparación, solución), si ' +
      'requirió Soporte Técnico con el número de reporte, y la conformidad con las firmas. Quien puede ver el ticket ' +
      'puede descargarlo (un solicitante, el de su propio ticket).',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  @ApiErrors(400, 403, 404, 503)
  async f01(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TicketNumberParams, ['number'])) { number }: TicketNumberParams,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendPdf(reply, await this.serviceLog.ticketForm(actor, number));
  }
}
