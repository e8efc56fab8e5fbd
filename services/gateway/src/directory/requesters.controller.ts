import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntakeRpc, RequesterPageV1, RequesterSearchParamsV1, STAFF_ROLES, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { IntakeClient } from '../http/service-clients.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';

@ApiTags('requesters')
@Controller('api/v1/requesters')
export class RequestersController {
  constructor(private readonly intake: IntakeClient) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Busca solicitantes por nombre, correo o teléfono (al registrar en nombre de alguien)',
    description:
      'El directorio de intake: cada persona para la que se registró un ticket, con la jurisdicción de su ' +
      'último ticket. `search`: palabras; cada una debe ser el comienzo de una palabra del nombre, del correo ' +
      'o del teléfono, sin importar mayúsculas ni tildes; tres o más dígitos también se buscan en cualquier ' +
      'parte del número. Ordenados por nombre, de a `limit` (20 por omisión, hasta 50), con `cursor` (el ' +
      '`nextCursor` de la página anterior). Quien no está en el directorio se crea al registrar su ticket ' +
      '(`requester` de `POST /api/v1/tickets`).',
  })
  @ApiQueryFromContract(RequesterSearchParamsV1)
  @ApiOkResponse({ schema: contractSchemaRef(RequesterPageV1) })
  @ApiErrors(400, 503)
  search(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(RequesterSearchParamsV1, ['limit'])) params: RequesterSearchParamsV1,
  ): Promise<RequesterPageV1> {
    // Intake keeps the requester directory and decides who may read it.
    return this.intake.request(IntakeRpc.SearchRequesters, { actor, params });
  }
}
