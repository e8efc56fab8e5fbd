import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResolutionRpc, Role, SlaPoliciesV1, SlaPolicySetV1, STAFF_ROLES, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ResolutionClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { ManageSlaPoliciesUseCase } from './manage-sla-policies.use-case.js';

@ApiTags('configuration')
@Controller('api/v1/sla/policies')
export class SlaPoliciesController {
  constructor(
    private readonly resolution: ResolutionClient,
    private readonly policies: ManageSlaPoliciesUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Tiempos máximos de respuesta y de resolución por prioridad, en minutos hábiles' })
  @ApiOkResponse({
    schema: contractSchemaRef(SlaPoliciesV1),
    description: 'Tal como los guarda el servicio de resolución',
  })
  @ApiErrors(503)
  get(@CurrentActor() actor: ActorV1): Promise<SlaPoliciesV1> {
    return this.resolution.request(ResolutionRpc.SlaPolicies, { actor });
  }

  @Put()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Reemplaza los tiempos máximos por prioridad y, si se envían, los propios de jurisdicciones y servicios',
  })
  @ApiBody({ schema: contractSchemaRef(SlaPolicySetV1) })
  @ApiOkResponse({ schema: contractSchemaRef(SlaPoliciesV1), description: 'Las políticas guardadas' })
  @ApiErrors(400, 409, 413, 415, 503)
  replace(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(SlaPolicySetV1)) body: SlaPolicySetV1,
  ): Promise<SlaPoliciesV1> {
    return this.policies.replace(actor, body);
  }
}
