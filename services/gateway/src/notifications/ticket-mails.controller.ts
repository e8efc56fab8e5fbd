import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { MAX_TICKET_MAILS_LISTED, NotificationsRpc, STAFF_ROLES, TicketMailListV1, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { NotificationsClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { TicketNumberParams } from '../tickets/ticket.dto.js';

@ApiTags('notifications')
@Controller('api/v1')
export class TicketMailsController {
  constructor(private readonly notifications: NotificationsClient) {}

  @Get('tickets/:number/mails')
  @Roles(...STAFF_ROLES)
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOperation({
    summary: 'Los correos de un ticket, enviados y recibidos, con su texto',
    description:
      'Del más antiguo al más reciente: los que el CAU envió (a quién, de qué tipo, si salieron) y los que ' +
      `llegaron y se volvieron el ticket o un comentario. Hasta ${MAX_TICKET_MAILS_LISTED} (\`truncated\` si hay más). ` +
      'Solo el personal.',
  })
  @ApiOkResponse({ schema: contractSchemaRef(TicketMailListV1) })
  @ApiErrors(400, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TicketNumberParams, ['number'])) { number }: TicketNumberParams,
  ): Promise<TicketMailListV1> {
    return this.notifications.request(NotificationsRpc.ListTicketMails, { actor, number });
  }
}
