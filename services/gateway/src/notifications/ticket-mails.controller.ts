import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags, type SchemaObject } from '@nestjs/swagger';
import {
  DELIVERY_STATUSES,
  MAX_TICKET_MAILS_LISTED,
  STAFF_ROLES,
  type ActorV1,
  type TicketMailListV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { TicketNumberParams } from '../tickets/ticket.dto.js';
import { ManageNotificationsUseCase } from './manage-notifications.use-case.js';

/** TicketMailV1 of the contracts, documented by hand: it is an interface. */
const TICKET_MAIL_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'direction', 'kind', 'address', 'subject', 'status', 'at', 'text'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    direction: { type: 'string', enum: ['sent', 'received'] },
    kind: {
      type: 'string',
      nullable: true,
      example: 'ticket-registered',
      description:
        'Qué dice un correo enviado (`ticket-registered`, `ticket-closed`, `staff-replied`…); null si se recibió',
    },
    address: { type: 'string', description: 'A quién se envió, o quién lo envió' },
    subject: { type: 'string' },
    status: { type: 'string', enum: [...DELIVERY_STATUSES, 'received'] },
    at: { type: 'string', format: 'date-time', description: 'Cuándo salió (o se creó, si aún no salió) o llegó' },
    text: { type: 'string', nullable: true, description: 'El texto del correo; null si no pudo leerse' },
  },
};

@ApiTags('notifications')
@Controller('api/v1')
export class TicketMailsController {
  constructor(private readonly notifications: ManageNotificationsUseCase) {}

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
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['mails', 'truncated'],
      properties: { mails: { type: 'array', items: TICKET_MAIL_SCHEMA }, truncated: { type: 'boolean' } },
    },
  })
  @ApiErrors(400, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TicketNumberParams, ['number'])) { number }: TicketNumberParams,
  ): Promise<TicketMailListV1> {
    return this.notifications.listTicketMails(actor, number);
  }
}
