import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, type CatalogueEntryV1, type CatalogueOptionsV1 } from '@cau/contracts';
import { Roles } from '../auth/access.decorators.js';
import { CatalogueEntryResponse, CatalogueOptionsResponse } from './catalogue.responses.js';
import { ReadCatalogueUseCase } from './read-catalogue.use-case.js';

/** Lists for the "report a problem" form. */
@ApiTags('catalogue')
@Controller('api/v1/catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: ReadCatalogueUseCase) {}

  @Get('categories')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Las categorías de la instalación para registrar un problema',
    description:
      'Se leen al iniciar el gateway de `TICKET_CATEGORIES` (o la lista por omisión). El registro todavía acepta ' +
      'cualquier texto como `category`; la incidencia "Portal III" las convertirá en un catálogo administrado.',
  })
  @ApiOkResponse({ type: [CatalogueEntryResponse] })
  categories(): readonly CatalogueEntryV1[] {
    return this.catalogue.categories();
  }

  @Get('options')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Tipos, impacto, urgencia y canales del registro, con nombres en palabras simples' })
  @ApiOkResponse({ type: CatalogueOptionsResponse })
  options(): CatalogueOptionsV1 {
    return this.catalogue.registrationOptions();
  }
}
