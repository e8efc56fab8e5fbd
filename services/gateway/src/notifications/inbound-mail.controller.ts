import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags, type SchemaObject } from '@nestjs/swagger';
import {
  INBOUND_STATUSES,
  InboundIdV1,
  InboundListFiltersV1,
  Role,
  type ActorV1,
  type InboundListV1,
  type InboundMessageSummaryV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ApiQueryFromContract } from '../openapi/contract-schemas.js';
import { ManageInboundMailUseCase } from './manage-inbound-mail.use-case.js';

const NULLABLE_STRING: SchemaObject = { type: 'string', nullable: true };

/** InboundMessageSummaryV1 of the contracts, documented by hand: it is an interface. */
const INBOUND_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'id',
    'messageKey',
    'source',
    'sender',
    'subject',
    'status',
    'reason',
    'outcome',
    'ticketNumber',
    'attempts',
    'sizeBytes',
    'complete',
    'receivedAt',
    'processedAt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    messageKey: { type: 'string', description: 'Message-ID (`mid:<…>`) o hash de los encabezados (`sha256:…`)' },
    source: { type: 'string', description: 'El buzón IMAP (sin contraseña) o `smtp`' },
    sender: NULLABLE_STRING,
    subject: NULLABLE_STRING,
    status: { type: 'string', enum: [...INBOUND_STATUSES] },
    reason: { ...NULLABLE_STRING, description: 'Por qué se ignoró o falló, o el último error de un reintento' },
    outcome: { type: 'string', enum: ['ticket', 'comment'], nullable: true },
    ticketNumber: { type: 'integer', minimum: 1, nullable: true },
    attempts: { type: 'integer', minimum: 0 },
    sizeBytes: { type: 'integer', minimum: 0 },
    complete: { type: 'boolean', description: 'false si solo se guardaron los encabezados (correo demasiado grande)' },
    receivedAt: { type: 'string', format: 'date-time' },
    processedAt: { ...NULLABLE_STRING, format: 'date-time' },
  },
};

/** What arrived by e-mail: administrators see every mail and what became of it, and retry failed ones. */
@ApiTags('notifications')
@Controller('api/v1/notifications/inbound')
export class InboundMailController {
  constructor(private readonly inbound: ManageInboundMailUseCase) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Lista los correos recibidos, del más reciente al más antiguo',
    description:
      'Con `status=failed`, los que no pudieron convertirse en ticket o comentario; `ignored`: respuestas automáticas y bucles.',
  })
  @ApiQueryFromContract(InboundListFiltersV1)
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['messages'],
      properties: { messages: { type: 'array', items: INBOUND_SCHEMA } },
    },
  })
  @ApiErrors(400, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(InboundListFiltersV1, ['limit'])) filters: InboundListFiltersV1,
  ): Promise<InboundListV1> {
    return this.inbound.list(actor, filters);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Vuelve a procesar un correo recibido que falló',
    description: 'Solo un correo fallido (409 si no): vuelve a recibido, con sus intentos contados desde cero.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: INBOUND_SCHEMA, description: 'El correo, de nuevo por procesar' })
  @ApiErrors(400, 404, 409, 503)
  retry(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(InboundIdV1)) { id }: InboundIdV1,
  ): Promise<InboundMessageSummaryV1> {
    return this.inbound.retry(actor, id);
  }
}
