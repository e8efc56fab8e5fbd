import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags, type SchemaObject } from '@nestjs/swagger';
import {
  DELIVERY_STATUSES,
  DeliveryIdV1,
  DeliveryListFiltersV1,
  PreferenceBodyV1,
  ROLES,
  Role,
  type ActorV1,
  type DeliveryListV1,
  type DeliverySummaryV1,
  type PreferenceListV1,
  type PreferenceV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { ManageNotificationsUseCase } from './manage-notifications.use-case.js';

const NULLABLE_STRING: SchemaObject = { type: 'string', nullable: true };

/** DeliverySummaryV1 of the contracts, documented by hand: it is an interface. */
const DELIVERY_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'id',
    'eventId',
    'kind',
    'recipient',
    'ticketNumber',
    'subject',
    'status',
    'attempts',
    'lastError',
    'createdAt',
    'sentAt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    eventId: { type: 'string', format: 'uuid' },
    kind: { type: 'string', example: 'ticket-registered' },
    recipient: { type: 'string', format: 'email' },
    ticketNumber: { type: 'integer', minimum: 1, nullable: true },
    subject: { type: 'string' },
    status: { type: 'string', enum: [...DELIVERY_STATUSES] },
    attempts: { type: 'integer', minimum: 0 },
    lastError: { ...NULLABLE_STRING, description: 'El último error de SMTP, si lo hubo' },
    createdAt: { type: 'string', format: 'date-time' },
    sentAt: { ...NULLABLE_STRING, format: 'date-time' },
  },
};

const PREFERENCE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['email', 'eventType', 'enabled'],
  properties: {
    email: { type: 'string', format: 'email', description: 'La dirección de quien lo pidió' },
    eventType: { type: 'string', example: 'ticket.closed' },
    enabled: { type: 'boolean' },
  },
};

/** The mails the notifications service sends: administrators follow and retry them; anyone opts out. */
@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: ManageNotificationsUseCase) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Lista los correos enviados o por enviar, del más reciente al más antiguo',
    description: 'Con `status=failed`, los que no pudieron enviarse y pueden reintentarse.',
  })
  @ApiQueryFromContract(DeliveryListFiltersV1)
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['deliveries'],
      properties: { deliveries: { type: 'array', items: DELIVERY_SCHEMA } },
    },
  })
  @ApiErrors(400, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(DeliveryListFiltersV1, ['limit'])) filters: DeliveryListFiltersV1,
  ): Promise<DeliveryListV1> {
    return this.notifications.listDeliveries(actor, filters);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Vuelve a enviar un correo fallido',
    description: 'Solo un correo fallido (409 si no): vuelve a pendiente, con sus intentos contados desde cero.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: DELIVERY_SCHEMA, description: 'El correo, de nuevo pendiente' })
  @ApiErrors(400, 404, 409, 503)
  retry(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(DeliveryIdV1)) { id }: DeliveryIdV1,
  ): Promise<DeliverySummaryV1> {
    return this.notifications.retryDelivery(actor, id);
  }

  @Get('preferences')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Las preferencias de correo guardadas para la dirección propia',
    description:
      'Un tipo de evento sin preferencia guardada se envía (los correos están activados hasta que se ' +
      'desactivan). `announcement.published`: los comunicados por correo.',
  })
  @ApiOkResponse({
    schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: PREFERENCE_SCHEMA } } },
    description: 'Las preferencias guardadas',
  })
  @ApiErrors(503)
  listPreferences(@CurrentActor() actor: ActorV1): Promise<PreferenceListV1> {
    return this.notifications.listPreferences(actor);
  }

  @Put('preferences')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Activa o desactiva los correos de un tipo de evento a la dirección propia',
    description:
      'La clave es el correo de la cuenta que lo pide; los correos esenciales (el registro del ticket) ' +
      'no pueden desactivarse. `announcement.published` son los comunicados por correo: cualquiera puede ' +
      'desactivarlos (se siguen viendo en el portal).',
  })
  @ApiBody({ schema: contractSchemaRef(PreferenceBodyV1) })
  @ApiOkResponse({ schema: PREFERENCE_SCHEMA, description: 'La preferencia guardada' })
  @ApiErrors(400, 413, 415, 503)
  setPreference(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(PreferenceBodyV1)) body: PreferenceBodyV1,
  ): Promise<PreferenceV1> {
    return this.notifications.setPreference(actor, body);
  }
}
