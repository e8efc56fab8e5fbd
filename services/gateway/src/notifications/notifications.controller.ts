import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  DeliveryIdV1,
  DeliveryListFiltersV1,
  DeliveryListV1,
  DeliverySummaryV1,
  NotificationsRpc,
  PreferenceBodyV1,
  PreferenceListV1,
  PreferenceV1,
  ROLES,
  Role,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { NotificationsClient } from '../http/service-clients.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';

/**
 * The mails the notifications service sends: administrators follow and retry them; anyone opts out. Notifications
 * checks again who may do what, and a preference always keys on the actor's own (verified) address.
 */
@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsClient) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Lista los correos enviados o por enviar, del más reciente al más antiguo',
    description: 'Con `status=failed`, los que no pudieron enviarse y pueden reintentarse.',
  })
  @ApiQueryFromContract(DeliveryListFiltersV1)
  @ApiOkResponse({ schema: contractSchemaRef(DeliveryListV1) })
  @ApiErrors(400, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(DeliveryListFiltersV1, ['limit'])) filters: DeliveryListFiltersV1,
  ): Promise<DeliveryListV1> {
    return this.notifications.request(NotificationsRpc.ListDeliveries, { actor, ...filters });
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Vuelve a enviar un correo fallido',
    description: 'Solo un correo fallido (409 si no): vuelve a pendiente, con sus intentos contados desde cero.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: contractSchemaRef(DeliverySummaryV1), description: 'El correo, de nuevo pendiente' })
  @ApiErrors(400, 404, 409, 503)
  retry(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(DeliveryIdV1)) { id }: DeliveryIdV1,
  ): Promise<DeliverySummaryV1> {
    return this.notifications.request(NotificationsRpc.RetryDelivery, { actor, id });
  }

  @Get('preferences')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Las preferencias de correo guardadas para la dirección propia',
    description:
      'Un tipo de evento sin preferencia guardada se envía (los correos están activados hasta que se ' +
      'desactivan). `announcement.published`: los comunicados por correo.',
  })
  @ApiOkResponse({ schema: contractSchemaRef(PreferenceListV1), description: 'Las preferencias guardadas' })
  @ApiErrors(503)
  listPreferences(@CurrentActor() actor: ActorV1): Promise<PreferenceListV1> {
    return this.notifications.request(NotificationsRpc.ListPreferences, { actor });
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
  @ApiOkResponse({ schema: contractSchemaRef(PreferenceV1), description: 'La preferencia guardada' })
  @ApiErrors(400, 413, 415, 503)
  setPreference(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(PreferenceBodyV1)) body: PreferenceBodyV1,
  ): Promise<PreferenceV1> {
    return this.notifications.request(NotificationsRpc.SetPreference, {
      actor,
      eventType: body.eventType,
      enabled: body.enabled,
    });
  }
}
