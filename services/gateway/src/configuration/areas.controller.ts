import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AREA_CODE_PATTERN, AreaV1, Role, RoutingRpc, STAFF_ROLES, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { RoutingClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { AreaCodeParams, RenameAreaRequest } from './configuration.dto.js';
import { ManageAreasUseCase } from './manage-areas.use-case.js';

@ApiTags('configuration')
@Controller('api/v1/areas')
export class AreasController {
  constructor(
    private readonly routing: RoutingClient,
    private readonly areas: ManageAreasUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Las áreas (colas) a las que se derivan tickets' })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(AreaV1) } })
  @ApiErrors(503)
  list(@CurrentActor() actor: ActorV1): Promise<AreaV1[]> {
    return this.routing.request(RoutingRpc.ListAreas, { actor });
  }

  @Put(':code')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Cambia el nombre de un área; el código no cambia' })
  @ApiParam({ name: 'code', schema: { type: 'string', pattern: AREA_CODE_PATTERN.source }, example: 'UIT' })
  @ApiBody({ schema: contractSchemaRef(RenameAreaRequest) })
  @ApiOkResponse({ schema: contractSchemaRef(AreaV1), description: 'El área con su nuevo nombre' })
  @ApiErrors(400, 404, 413, 415, 503)
  rename(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(AreaCodeParams)) { code }: AreaCodeParams,
    @Body(new ContractPipe(RenameAreaRequest)) { name }: RenameAreaRequest,
  ): Promise<AreaV1> {
    return this.areas.rename(actor, code, name);
  }
}
