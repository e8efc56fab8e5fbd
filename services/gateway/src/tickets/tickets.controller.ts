import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Limits, ROLES, ReportingRpc, TicketListFiltersV1, TicketPageV1, type ActorV1 } from '@cau/contracts';
import { TicketRegistrationRequest } from '../attachments/attachment.dto.js';
import { AttachmentsUseCase } from '../attachments/attachments.use-case.js';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe, IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/request-input.js';
import { ReportingClient } from '../http/service-clients.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { GetTicketUseCase } from './get-ticket.use-case.js';
import { RegisterTicketUseCase } from './register-ticket.use-case.js';
import { TICKET_LIST_CONVERSIONS, TICKET_LIST_DOCS } from './ticket-list-query.js';
import { TicketDetail, TicketNumberParams, TicketRegisteredResponse } from './ticket.dto.js';

@ApiTags('tickets')
@Controller('api/v1/tickets')
export class TicketsController {
  constructor(
    private readonly registerTicket: RegisterTicketUseCase,
    private readonly getTicket: GetTicketUseCase,
    private readonly reporting: ReportingClient,
    private readonly attachments: AttachmentsUseCase,
  ) {}

  @Post()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Registra un ticket y le asigna su número consecutivo',
    description:
      'Un solicitante registra solo a su nombre y por el portal; un referente, solo para su jurisdicción. ' +
      'Repetir la solicitud con la misma `Idempotency-Key` devuelve el mismo ticket (200) sin crear otro. ' +
      '`attachmentIds`: archivos subidos antes con `POST /api/v1/attachments` por la misma cuenta; quedan en el ' +
      'ticket una vez registrado (400 STAGED_ATTACHMENT_UNKNOWN si alguno no existe, venció o es de otra cuenta, ' +
      'y entonces no se registra nada). Los enlaces van en `attachments`.',
  })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: 'Clave elegida por el cliente para reintentar sin duplicar (hasta 200 caracteres ASCII imprimibles)',
    schema: { type: 'string', maxLength: Limits.idempotencyKey },
  })
  @ApiBody({ schema: contractSchemaRef(TicketRegistrationRequest) })
  @ApiCreatedResponse({
    type: TicketRegisteredResponse,
    description: 'Registrado',
    headers: { Location: { description: '/api/v1/tickets/{number}', schema: { type: 'string' } } },
  })
  @ApiOkResponse({ type: TicketRegisteredResponse, description: 'Ya registrado con esta Idempotency-Key' })
  @ApiErrors(400, 413, 415, 422, 503)
  async register(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(TicketRegistrationRequest)) request: TicketRegistrationRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // attachmentIds are the gateway's, not intake's: checked first, bound once the ticket has its number
    // (a retry with the same Idempotency-Key binds again, harmlessly).
    const { attachmentIds, ...registration } = request;
    const ids = [...new Set(attachmentIds ?? [])];
    await this.attachments.checkBindable(actor, ids, null, idempotencyKey !== undefined);
    // The status depends on the outcome (201 new, 200 replay), which Nest's return path cannot express.
    const result = await this.registerTicket.register(actor, registration, idempotencyKey);
    await this.attachments.bind(actor, ids, result.number);
    const body: TicketRegisteredResponse = {
      ticketId: result.ticketId,
      number: result.number,
      registeredAt: result.registeredAt,
    };
    void reply
      .status(result.created ? 201 : 200)
      .header('Location', `/api/v1/tickets/${result.number}`)
      .send(body);
  }

  @Get(':number')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Un ticket por su número, si la cuenta puede verlo' })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ schema: contractSchemaRef(TicketDetail) })
  @ApiErrors(400, 404, 503)
  get(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TicketNumberParams, ['number'])) params: TicketNumberParams,
  ): Promise<TicketDetail> {
    return this.getTicket.detail(actor, params.number);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Lista los tickets que la cuenta puede ver, filtrados y en el orden pedido, por páginas',
    description:
      'Un solicitante ve los suyos; un referente, los de su jurisdicción; el personal, todos. ' +
      'Cada filtro restringe (un ticket aparece si cumple todos). Las colas de la consola son combinaciones: ' +
      'mi área abierta por vencimiento (`area=UIT&status=abierto&status=en_curso&sort=due`), asignados a mí ' +
      '(`assignee=me`), sin asignar (`assignee=none`), con atraso (`overdue=true`), por vencer ' +
      '(`dueWithinHours=4`), a revisar (`status=resuelto`), cerrados recientemente (`status=cerrado&sort=updated`). ' +
      'Paginado por cursor (`nextCursor` → `cursor`), sin contar ni saltar filas. Un valor inválido responde 400 ' +
      'nombrando el campo.',
  })
  @ApiQueryFromContract(TicketListFiltersV1, TICKET_LIST_DOCS)
  @ApiOkResponse({ schema: contractSchemaRef(TicketPageV1) })
  @ApiErrors(400, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(TicketListFiltersV1, TICKET_LIST_CONVERSIONS)) filters: TicketListFiltersV1,
  ): Promise<TicketPageV1> {
    // Reporting restricts the list to what the actor may see.
    return this.reporting.request(ReportingRpc.TicketList, { actor, filters }, 'filters');
  }
}
