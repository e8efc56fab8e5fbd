import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueEntryV1, CatalogueOptionsV1, CategoryTreeEntryV1, ROLES, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { ReadCatalogueUseCase } from './read-catalogue.use-case.js';

/** Lists for the "report a problem" form. */
@ApiTags('catalogue')
@Controller('api/v1/catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: ReadCatalogueUseCase) {}

  @Get('categories')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Las categorías activas para registrar un problema, con sus subcategorías',
    description:
      'El catálogo que administran los administradores (`/api/v1/catalogue/categories/{code}`). El registro ' +
      'acepta como `category` el código de una categoría o de una subcategoría activa; uno desconocido o ' +
      'retirado se rechaza con 400 que nombra `category`.',
  })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(CategoryTreeEntryV1) } })
  @ApiErrors(503)
  categories(@CurrentActor() actor: ActorV1): Promise<CategoryTreeEntryV1[]> {
    return this.catalogue.categories(actor);
  }

  @Get('services')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Los servicios ofrecidos activos, para indicar a cuál se refiere un problema',
    description:
      'Opcional al registrar (`service`); un ticket de un servicio con tiempos propios se mide con ellos ' +
      '(`/api/v1/sla/policies`). Un código desconocido o retirado se rechaza con 400 que nombra `service`.',
  })
  @ApiOkResponse({ schema: { type: 'array', items: contractSchemaRef(CatalogueEntryV1) } })
  @ApiErrors(503)
  services(@CurrentActor() actor: ActorV1): Promise<CatalogueEntryV1[]> {
    return this.catalogue.services(actor);
  }

  @Get('options')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Tipos, impacto, urgencia y canales del registro, con nombres en palabras simples' })
  @ApiOkResponse({ schema: contractSchemaRef(CatalogueOptionsV1) })
  options(): CatalogueOptionsV1 {
    return this.catalogue.registrationOptions();
  }
}
