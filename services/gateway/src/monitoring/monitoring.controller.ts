import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  AlertIntegrationBodyV1,
  AlertRecordListV1,
  IntakeRpc,
  ReceiveAlertsResultV1,
  Role,
  STAFF_ROLES,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Public, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { IntakeClient } from '../http/service-clients.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { TicketNumberParams } from '../tickets/ticket.dto.js';
import {
  IntegrationIdParams,
  MonitoringIntegration,
  MonitoringIntegrationList,
  MonitoringIntegrationSecret,
  RecentAlertsFilters,
} from './monitoring.dto.js';
import { MonitoringUseCase } from './monitoring.use-case.js';

const ID = new ContractPipe(IntegrationIdParams);
const BEARER = /^Bearer +(\S+)$/i;

/**
 * The webhooks of the monitoring tools: public (no session), each integration authenticated by its own
 * secret, sent as `Authorization: Bearer <secreto>` (Alertmanager's `http_config.authorization`) or in
 * the `X-CAU-Webhook-Token` header (the Zabbix media type's script).
 */
@ApiTags('monitoring')
@Controller('api/v1/webhooks/monitoring')
export class MonitoringWebhookController {
  constructor(private readonly monitoring: MonitoringUseCase) {}

  @Post(':id')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Recibe una notificación de Prometheus Alertmanager o de Zabbix (sin sesión; secreto de la integración)',
    description:
      'Alertmanager: el JSON de su `webhook_config` (versión "4"). Zabbix: el JSON del script del tipo de medio del CAU ' +
      '(docs/monitoring.md). Cada alerta nueva abre un incidente por el canal «monitoreo»; sus repeticiones mientras el ' +
      'ticket sigue abierto se suman a él (misma huella, o mismo disparador de Zabbix) y su resolución se anota sin ' +
      'cerrarlo. 404 si la integración no existe o está deshabilitada, 401 si el secreto no coincide, 400 nombrando el ' +
      'campo si el cuerpo no tiene el formato de la herramienta: en esos casos no se guarda nada.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' }, description: 'La integración' })
  @ApiHeader({ name: 'X-CAU-Webhook-Token', required: false, description: 'El secreto, si no se envía como Bearer' })
  @ApiBody({ schema: { type: 'object', description: 'El JSON de Alertmanager o de Zabbix' } })
  @ApiOkResponse({ schema: contractSchemaRef(ReceiveAlertsResultV1), description: 'Qué se hizo con cada alerta' })
  @ApiErrors(413, 415)
  @ApiErrors(400, 401, 404, 503)
  receive(
    @Param(ID) { id }: IntegrationIdParams,
    @Headers('authorization') authorization: string | undefined,
    @Headers('x-cau-webhook-token') token: string | undefined,
    @Body() body: unknown,
  ): Promise<ReceiveAlertsResultV1> {
    const bearer = authorization ? BEARER.exec(authorization.trim())?.[1] : undefined;
    return this.monitoring.receive(id, bearer ?? token?.trim() ?? null, body);
  }
}

/** Administrators configure the integrations and look at the alerts received; staff read a ticket's alerts. */
@ApiTags('monitoring')
@Controller('api/v1')
export class MonitoringController {
  constructor(
    private readonly intake: IntakeClient,
    private readonly monitoring: MonitoringUseCase,
  ) {}

  @Get('monitoring/integrations')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Lista las integraciones de monitoreo (Alertmanager, Zabbix)' })
  @ApiOkResponse({ schema: contractSchemaRef(MonitoringIntegrationList) })
  @ApiErrors(503)
  list(@CurrentActor() actor: ActorV1): Promise<MonitoringIntegrationList> {
    return this.monitoring.list(actor);
  }

  @Post('monitoring/integrations')
  @Roles(Role.Admin)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Crea una integración de monitoreo y su secreto',
    description:
      'El secreto del webhook se muestra solo en esta respuesta. Categoría, jurisdicción y áreas deben existir (400 nombrando el campo).',
  })
  @ApiBody({ schema: contractSchemaRef(AlertIntegrationBodyV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(MonitoringIntegrationSecret) })
  @ApiErrors(413, 415)
  @ApiErrors(400, 503)
  create(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(AlertIntegrationBodyV1)) body: AlertIntegrationBodyV1,
  ): Promise<MonitoringIntegrationSecret> {
    return this.monitoring.create(actor, body);
  }

  @Put('monitoring/integrations/:id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Modifica una integración de monitoreo (nombre, reglas de área, prioridades, habilitada)',
    description: 'Deshabilitada, su webhook responde 404 y no registra nada. El secreto no cambia.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: contractSchemaRef(AlertIntegrationBodyV1) })
  @ApiOkResponse({ schema: contractSchemaRef(MonitoringIntegration) })
  @ApiErrors(413, 415)
  @ApiErrors(400, 404, 503)
  update(
    @CurrentActor() actor: ActorV1,
    @Param(ID) { id }: IntegrationIdParams,
    @Body(new ContractPipe(AlertIntegrationBodyV1)) body: AlertIntegrationBodyV1,
  ): Promise<MonitoringIntegration> {
    return this.monitoring.update(actor, id, body);
  }

  @Post('monitoring/integrations/:id/secret')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Renueva el secreto del webhook de una integración',
    description: 'El secreto anterior deja de valer en el acto; el nuevo se muestra solo en esta respuesta.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: contractSchemaRef(MonitoringIntegrationSecret) })
  @ApiErrors(400, 404, 503)
  rotate(@CurrentActor() actor: ActorV1, @Param(ID) { id }: IntegrationIdParams): Promise<MonitoringIntegrationSecret> {
    return this.monitoring.rotate(actor, id);
  }

  @Get('monitoring/alerts')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Las alertas recibidas más recientes, con su ticket y cuántas veces se dispararon' })
  @ApiQueryFromContract(RecentAlertsFilters)
  @ApiOkResponse({ schema: contractSchemaRef(AlertRecordListV1) })
  @ApiErrors(400, 503)
  recent(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(RecentAlertsFilters, ['limit'])) filters: RecentAlertsFilters,
  ): Promise<AlertRecordListV1> {
    return this.intake.request(IntakeRpc.RecentAlerts, { actor, ...filters });
  }

  @Get('tickets/:number/alerts')
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Las alertas de monitoreo de un ticket (vacío si no vino de monitoreo)',
    description: 'Personal del CAU: origen, etiquetas, cuántas veces se disparó y cuándo por última vez.',
  })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ schema: contractSchemaRef(AlertRecordListV1) })
  @ApiErrors(400, 503)
  ofTicket(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TicketNumberParams, ['number'])) { number }: TicketNumberParams,
  ): Promise<AlertRecordListV1> {
    return this.intake.request(IntakeRpc.TicketAlerts, { actor, number });
  }
}
