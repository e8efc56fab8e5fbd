import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PriorityMatrixV1, Role, RoutingRpc, STAFF_ROLES, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { RoutingClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { ManagePriorityMatrixUseCase } from './manage-priority-matrix.use-case.js';

@ApiTags('configuration')
@Controller('api/v1/routing/priority-matrix')
export class PriorityMatrixController {
  constructor(
    private readonly routing: RoutingClient,
    private readonly matrix: ManagePriorityMatrixUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'La matriz de prioridad: qué prioridad recibe un ticket según su impacto y su urgencia' })
  @ApiOkResponse({ schema: contractSchemaRef(PriorityMatrixV1) })
  @ApiErrors(503)
  get(@CurrentActor() actor: ActorV1): Promise<PriorityMatrixV1> {
    return this.routing.request(RoutingRpc.GetPriorityMatrix, { actor });
  }

  @Put()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Reemplaza la matriz de prioridad',
    description:
      'Se envían las nueve celdas (impacto × urgencia), cada combinación una vez. Los tickets ya registrados ' +
      'conservan su prioridad; los nuevos y las reclasificaciones usan la matriz nueva de inmediato.',
  })
  @ApiBody({ schema: contractSchemaRef(PriorityMatrixV1) })
  @ApiOkResponse({ schema: contractSchemaRef(PriorityMatrixV1), description: 'La matriz guardada, ya vigente' })
  @ApiErrors(400, 413, 415, 503)
  replace(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(PriorityMatrixV1)) matrix: PriorityMatrixV1,
  ): Promise<PriorityMatrixV1> {
    return this.matrix.replace(actor, matrix);
  }
}
