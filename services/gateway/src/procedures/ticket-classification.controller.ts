import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ReclassifyTicketBodyV1, Role, RoutingRpc, TicketClassificationV1, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { RoutingClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { TicketNumberParams } from '../tickets/ticket.dto.js';

const { Operator, Agent, Supervisor, Admin } = Role;

/** The ticket's classification, corrected on the way (9.2 3.C.2: ACGII "clasifica y prioriza"). */
@ApiTags('tickets')
@ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
@Controller('api/v1/tickets')
export class TicketClassificationController {
  constructor(private readonly routing: RoutingClient) {}

  @Post(':number/classification')
  @Roles(Operator, Agent, Supervisor, Admin)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reclasifica el ticket: tipo, categoría, impacto o urgencia; la prioridad se recalcula',
    description:
      'La Mesa de Servicios (operadores y agentes de L1) en cualquier momento, los agentes del área que tiene el ' +
      'ticket (p. ej. ACGII en 9.2 3.C.2), los supervisores y los administradores. Al menos un campo debe cambiar ' +
      '(si no, 400 nombrando `body`); `reason` es obligatorio y queda en el historial con quién y cuándo. La ' +
      'prioridad sale de la matriz de impacto y urgencia, y los vencimientos del SLA se ajustan a ella. Sirve ' +
      'también para clasificar los tickets que llegan por correo.',
  })
  @ApiBody({ schema: contractSchemaRef(ReclassifyTicketBodyV1) })
  @ApiOkResponse({
    schema: contractSchemaRef(TicketClassificationV1),
    description: 'La clasificación del ticket tras el cambio',
  })
  @ApiErrors(400, 404, 413, 415, 503)
  reclassify(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TicketNumberParams, ['number'])) { number }: TicketNumberParams,
    @Body(new ContractPipe(ReclassifyTicketBodyV1)) body: ReclassifyTicketBodyV1,
  ): Promise<TicketClassificationV1> {
    // Routing keeps the classification and the priority matrix, so it decides and records the correction.
    return this.routing.request(RoutingRpc.Reclassify, { actor, number, body }, 'body');
  }
}
