import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConfiguredGraphV1, Role, RoutingRpc, STAFF_ROLES, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { RoutingClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { ReplaceGraphRequest } from './configuration.dto.js';
import { ManageEscalationGraphUseCase } from './manage-escalation-graph.use-case.js';

@ApiTags('configuration')
@Controller('api/v1/routing/graph')
export class EscalationGraphController {
  constructor(
    private readonly routing: RoutingClient,
    private readonly graph: ManageEscalationGraphUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'El grafo de derivaciones: qué área puede derivar a cuál, y con qué tipo' })
  @ApiOkResponse({ schema: contractSchemaRef(ConfiguredGraphV1) })
  @ApiErrors(503)
  get(@CurrentActor() actor: ActorV1): Promise<ConfiguredGraphV1> {
    return this.routing.request(RoutingRpc.GetGraph, { actor });
  }

  @Put()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Reemplaza el grafo de derivaciones',
    description:
      'Se reemplazan todas las aristas a la vez. El servicio de enrutamiento rechaza un grafo en el que un área ' +
      'que recibe tickets no tenga camino de vuelta al área de entrada.',
  })
  @ApiBody({ schema: contractSchemaRef(ReplaceGraphRequest) })
  @ApiOkResponse({ schema: contractSchemaRef(ConfiguredGraphV1), description: 'El grafo guardado' })
  @ApiErrors(400, 409, 413, 415, 503)
  replace(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(ReplaceGraphRequest)) graph: ReplaceGraphRequest,
  ): Promise<ConfiguredGraphV1> {
    return this.graph.replace(actor, graph);
  }
}
