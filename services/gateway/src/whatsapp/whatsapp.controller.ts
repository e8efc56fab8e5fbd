import { Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  DeliveryIdV1,
  ErrorCode,
  NotificationsRpc,
  ReceiveWhatsappResultV1,
  Role,
  WhatsappDeliveryListFiltersV1,
  WhatsappDeliveryListV1,
  WhatsappDeliverySummaryV1,
  type ActorV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { CurrentActor, Public, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { NotificationsClient } from '../http/service-clients.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { rawBodyOf } from './raw-body.js';
import {
  MalformedWebhookError,
  WhatsappWebhookConfig,
  parseWebhook,
  sameSecret,
  signatureMatches,
} from './whatsapp-webhook.js';

/**
 * The WhatsApp Business Cloud API webhook, and the administrators' view of the template messages sent.
 * The webhook exists only where WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN are set (404 elsewhere).
 */
@ApiTags('whatsapp')
@Controller('api/v1/whatsapp')
export class WhatsappController {
  constructor(
    private readonly config: WhatsappWebhookConfig,
    private readonly notifications: NotificationsClient,
  ) {}

  @Get('webhook')
  @Public()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    summary: 'Verificación del webhook de WhatsApp (la llama Meta al configurar la URL)',
    description:
      'Con `hub.mode=subscribe` y el token de verificación configurado (WHATSAPP_VERIFY_TOKEN), devuelve ' +
      '`hub.challenge` tal cual. Un token distinto es 403; sin cuenta de WhatsApp configurada, 404.',
  })
  @ApiQuery({ name: 'hub.mode', required: true, schema: { type: 'string', enum: ['subscribe'] } })
  @ApiQuery({ name: 'hub.verify_token', required: true, schema: { type: 'string' } })
  @ApiQuery({ name: 'hub.challenge', required: true, schema: { type: 'string' } })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'El valor de `hub.challenge`' })
  @ApiErrors(400, 403, 404)
  verify(@Query() query: Record<string, unknown>): string {
    const settings = this.enabled();
    const field = (name: string): string => {
      const value = query[name];
      if (typeof value !== 'string' || value === '') {
        throw ServiceError.validation([{ field: name, constraint: 'isNotEmpty' }]);
      }
      return value;
    };
    const mode = field('hub.mode');
    const token = field('hub.verify_token');
    const challenge = field('hub.challenge');
    if (mode !== 'subscribe') throw ServiceError.validation([{ field: 'hub.mode', constraint: 'equals' }]);
    if (challenge.length > 200) throw ServiceError.validation([{ field: 'hub.challenge', constraint: 'maxLength' }]);
    if (!sameSecret(token, settings.verifyToken))
      throw ServiceError.forbidden({ code: 'gateway.whatsapp-verify-token' });
    return challenge;
  }

  @Post('webhook')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mensajes y estados de entrega de WhatsApp (la llama Meta)',
    description:
      'El cuerpo es el JSON del webhook de la Cloud API (`entry[].changes[].value.messages[]` y `statuses[]`), ' +
      'firmado en `X-Hub-Signature-256` (HMAC-SHA256 del cuerpo exacto con WHATSAPP_APP_SECRET). Firma ausente ' +
      'o distinta: 401 y no se guarda nada. Cada mensaje se guarda una sola vez por su id de WhatsApp, así que ' +
      'un reenvío del mismo webhook no hace nada dos veces. Sin cuenta configurada, 404.',
  })
  @ApiOkResponse({ schema: contractSchemaRef(ReceiveWhatsappResultV1) })
  @ApiErrors(400, 401, 404, 413, 415, 503)
  receive(@Req() request: FastifyRequest): Promise<ReceiveWhatsappResultV1> {
    const settings = this.enabled();
    const raw = rawBodyOf(request);
    if (!raw) throw ServiceError.validation([{ field: 'body', constraint: 'isDefined' }]);
    const header = request.headers['x-hub-signature-256'];
    if (!signatureMatches(raw, typeof header === 'string' ? header : undefined, settings.appSecret)) {
      throw new ServiceError({ code: ErrorCode.Unauthorized });
    }
    let command;
    try {
      command = parseWebhook(request.body);
    } catch (error) {
      if (error instanceof MalformedWebhookError) throw ServiceError.validation(error.problems);
      throw error;
    }
    return this.notifications.request(NotificationsRpc.ReceiveWhatsapp, command);
  }

  @Get('deliveries')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Lista los mensajes de WhatsApp enviados o por enviar, del más reciente al más antiguo',
    description: 'Con `status=failed` o `status=uncertain`, los que pueden reenviarse.',
  })
  @ApiQueryFromContract(WhatsappDeliveryListFiltersV1)
  @ApiOkResponse({ schema: contractSchemaRef(WhatsappDeliveryListV1) })
  @ApiErrors(400, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(WhatsappDeliveryListFiltersV1)) filters: WhatsappDeliveryListFiltersV1,
  ): Promise<WhatsappDeliveryListV1> {
    return this.notifications.request(NotificationsRpc.ListWhatsappDeliveries, { actor, ...filters });
  }

  @Post('deliveries/:id/retry')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Vuelve a enviar un mensaje de WhatsApp fallido o de resultado incierto',
    description: 'Solo uno fallido o incierto (409 si no): vuelve a pendiente, con sus intentos contados desde cero.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({
    schema: contractSchemaRef(WhatsappDeliverySummaryV1),
    description: 'El mensaje, de nuevo pendiente',
  })
  @ApiErrors(400, 404, 409, 503)
  retry(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(DeliveryIdV1)) { id }: DeliveryIdV1,
  ): Promise<WhatsappDeliverySummaryV1> {
    return this.notifications.request(NotificationsRpc.RetryWhatsappDelivery, { actor, id });
  }

  private enabled(): { appSecret: string; verifyToken: string } {
    if (!this.config.settings) throw new NotFoundException();
    return this.config.settings;
  }
}
