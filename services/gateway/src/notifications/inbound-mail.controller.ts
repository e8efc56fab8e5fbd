import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  InboundIdV1,
  InboundListFiltersV1,
  InboundListV1,
  InboundMessageSummaryV1,
  NotificationsRpc,
  Role,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { NotificationsClient } from '../http/service-clients.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';

/**
 * What arrived by e-mail: administrators see every mail and what became of it, and retry failed ones
 * (notifications owns the mails and checks the role again).
 */
@ApiTags('notifications')
@Controller('api/v1/notifications/inbound')
export class InboundMailController {
  constructor(private readonly notifications: NotificationsClient) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Lista los correos recibidos, del más reciente al más antiguo',
    description:
      'Con `status=failed`, los que no pudieron convertirse en ticket o comentario; `ignored`: respuestas automáticas y bucles.',
  })
  @ApiQueryFromContract(InboundListFiltersV1)
  @ApiOkResponse({ schema: contractSchemaRef(InboundListV1) })
  @ApiErrors(400, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(InboundListFiltersV1, ['limit'])) filters: InboundListFiltersV1,
  ): Promise<InboundListV1> {
    return this.notifications.request(NotificationsRpc.ListInbound, { actor, ...filters });
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Vuelve a procesar un correo recibido que falló',
    description: 'Solo un correo fallido (409 si no): vuelve a recibido, con sus intentos contados desde cero.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({
    schema: contractSchemaRef(InboundMessageSummaryV1),
    description: 'El correo, de nuevo por procesar',
  })
  @ApiErrors(400, 404, 409, 503)
  retry(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(InboundIdV1)) { id }: InboundIdV1,
  ): Promise<InboundMessageSummaryV1> {
    return this.notifications.request(NotificationsRpc.RetryInbound, { actor, id });
  }
}
