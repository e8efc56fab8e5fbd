import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { STAFF_ROLES, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import {
  CreateSavedViewRequest,
  SavedViewIdParams,
  SavedViewListResponse,
  SavedViewResponse,
  UpdateSavedViewRequest,
} from './saved-view.dto.js';
import { ManageSavedViewsUseCase } from './manage-saved-views.use-case.js';

@ApiTags('views')
@Controller('api/v1/views')
export class SavedViewsController {
  constructor(private readonly views: ManageSavedViewsUseCase) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Las vistas de cola guardadas por la cuenta y las compartidas por otros',
    description:
      'Primero las propias (hasta 100), luego las que otras personas del personal compartieron (hasta 400), cada ' +
      'grupo por nombre, con el nombre de quien la creó. `mine` dice si quien pregunta puede editarla o borrarla.',
  })
  @ApiOkResponse({ type: SavedViewListResponse })
  list(@CurrentActor() actor: ActorV1): Promise<SavedViewListResponse> {
    return this.views.list(actor);
  }

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Guarda una vista de la cola con un nombre',
    description:
      '`query` es la cadena de búsqueda de la URL de la página de la cola (`?status=abierto&area=UIT`, tal como la ' +
      'da el navegador: ASCII imprimible sin espacios, hasta 2000 caracteres; puede ser vacía). `shared`: visible ' +
      'para todo el personal (falso por omisión). El nombre (hasta 100 caracteres) no se repite entre las vistas ' +
      'de una misma cuenta, sin importar mayúsculas (409 con el campo `name`); cada cuenta guarda hasta 100 vistas.',
  })
  @ApiBody({ schema: contractSchemaRef(CreateSavedViewRequest) })
  @ApiCreatedResponse({ type: SavedViewResponse })
  @ApiErrors(400, 409, 413, 415)
  create(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(CreateSavedViewRequest)) request: CreateSavedViewRequest,
  ): Promise<SavedViewResponse> {
    return this.views.create(actor, request);
  }

  @Patch(':id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Cambia el nombre, la consulta o si se comparte una vista propia',
    description:
      'Los campos omitidos no cambian. Solo quien creó la vista puede cambiarla (403 para una vista compartida ' +
      'de otra persona; 404 si no existe o no está compartida).',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: contractSchemaRef(UpdateSavedViewRequest) })
  @ApiOkResponse({ type: SavedViewResponse })
  @ApiErrors(400, 404, 409, 413, 415)
  update(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(SavedViewIdParams)) { id }: SavedViewIdParams,
    @Body(new ContractPipe(UpdateSavedViewRequest)) request: UpdateSavedViewRequest,
  ): Promise<SavedViewResponse> {
    return this.views.update(actor, id, request);
  }

  @Delete(':id')
  @Roles(...STAFF_ROLES)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Borra una vista propia',
    description: 'Solo quien creó la vista puede borrarla (403 para una vista compartida de otra persona).',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiNoContentResponse({ description: 'Borrada' })
  @ApiErrors(400, 404)
  async delete(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(SavedViewIdParams)) { id }: SavedViewIdParams,
  ): Promise<void> {
    await this.views.delete(actor, id);
  }
}
