import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import {
  CATEGORY_CODE_PATTERN,
  CatalogueV1,
  CategoryInputV1,
  CategoryV1,
  IntakeRpc,
  JURISDICTION_CODE_PATTERN,
  JurisdictionInputV1,
  JurisdictionV1,
  Limits,
  RetiredInputV1,
  Role,
  ServiceInputV1,
  ServiceV1,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { IntakeClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { ManageCatalogueUseCase } from './manage-catalogue.use-case.js';

export class CatalogueCodeParams {
  @IsString()
  @Matches(CATEGORY_CODE_PATTERN)
  @MaxLength(Limits.category)
  code!: string;
}

export class JurisdictionCodeParams {
  @IsString()
  @Matches(JURISDICTION_CODE_PATTERN)
  @MaxLength(Limits.jurisdictionCode)
  code!: string;
}

const CODE_PARAM = {
  name: 'code',
  schema: { type: 'string', pattern: CATEGORY_CODE_PATTERN.source, maxLength: Limits.category },
  example: 'impresoras',
} as const;
const JURISDICTION_PARAM = {
  name: 'code',
  schema: { type: 'string', pattern: JURISDICTION_CODE_PATTERN.source, maxLength: Limits.jurisdictionCode },
  example: 'SALUD',
} as const;
const RETIRE_NOTE =
  'Retirar no borra: el registro deja de aceptar el código y los tickets que ya lo tienen lo conservan. ' +
  '`correo-electronico` no puede retirarse (el correo entrante registra con ella).';

/** The administered catalogues: only administrators read them whole and change them; every change is audited. */
@ApiTags('catalogue')
@Controller('api/v1/catalogue')
export class CatalogueAdminController {
  constructor(
    private readonly intake: IntakeClient,
    private readonly catalogue: ManageCatalogueUseCase,
  ) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Los catálogos completos (categorías, servicios, jurisdicciones), con los retirados' })
  @ApiOkResponse({ schema: contractSchemaRef(CatalogueV1) })
  @ApiErrors(503)
  list(@CurrentActor() actor: ActorV1): Promise<CatalogueV1> {
    return this.intake.request(IntakeRpc.ListCatalogue, { actor, full: true });
  }

  @Put('categories/:code')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Crea una categoría o subcategoría, o cambia sus nombres, su categoría padre o su orden',
    description:
      'El código no cambia: para "renombrar" un código, cree el nuevo y retire el anterior. `parent` debe ser ' +
      'una categoría activa de primer nivel (dos niveles: categoría → subcategoría).',
  })
  @ApiParam(CODE_PARAM)
  @ApiBody({ schema: contractSchemaRef(CategoryInputV1) })
  @ApiOkResponse({ schema: contractSchemaRef(CategoryV1) })
  @ApiErrors(400, 413, 415, 503)
  saveCategory(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CatalogueCodeParams)) { code }: CatalogueCodeParams,
    @Body(new ContractPipe(CategoryInputV1)) entry: CategoryInputV1,
  ): Promise<CategoryV1> {
    return this.catalogue.saveCategory(actor, code, entry);
  }

  @Put('categories/:code/retired')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Retira o restituye una categoría', description: RETIRE_NOTE })
  @ApiParam(CODE_PARAM)
  @ApiBody({ schema: contractSchemaRef(RetiredInputV1) })
  @ApiOkResponse({ schema: contractSchemaRef(CategoryV1) })
  @ApiErrors(400, 404, 413, 415, 503)
  retireCategory(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CatalogueCodeParams)) { code }: CatalogueCodeParams,
    @Body(new ContractPipe(RetiredInputV1)) { retired }: RetiredInputV1,
  ): Promise<CategoryV1> {
    return this.catalogue.setRetired<CategoryV1>(actor, 'category', code, retired);
  }

  @Put('services/:code')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Crea un servicio ofrecido o cambia sus nombres' })
  @ApiParam({ ...CODE_PARAM, example: 'correo-institucional' })
  @ApiBody({ schema: contractSchemaRef(ServiceInputV1) })
  @ApiOkResponse({ schema: contractSchemaRef(ServiceV1) })
  @ApiErrors(400, 413, 415, 503)
  saveService(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CatalogueCodeParams)) { code }: CatalogueCodeParams,
    @Body(new ContractPipe(ServiceInputV1)) entry: ServiceInputV1,
  ): Promise<ServiceV1> {
    return this.catalogue.saveService(actor, code, entry);
  }

  @Put('services/:code/retired')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Retira o restituye un servicio' })
  @ApiParam({ ...CODE_PARAM, example: 'correo-institucional' })
  @ApiBody({ schema: contractSchemaRef(RetiredInputV1) })
  @ApiOkResponse({ schema: contractSchemaRef(ServiceV1) })
  @ApiErrors(400, 404, 413, 415, 503)
  retireService(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CatalogueCodeParams)) { code }: CatalogueCodeParams,
    @Body(new ContractPipe(RetiredInputV1)) { retired }: RetiredInputV1,
  ): Promise<ServiceV1> {
    return this.catalogue.setRetired<ServiceV1>(actor, 'service', code, retired);
  }

  @Put('jurisdictions/:code')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Crea o cambia una jurisdicción, con sus referentes y supervisores',
    description:
      'Guardar una jurisdicción la confirma: desde que hay una confirmada, el registro solo acepta ' +
      'jurisdicciones confirmadas y activas (antes acepta cualquier código).',
  })
  @ApiParam(JURISDICTION_PARAM)
  @ApiBody({ schema: contractSchemaRef(JurisdictionInputV1) })
  @ApiOkResponse({ schema: contractSchemaRef(JurisdictionV1) })
  @ApiErrors(400, 413, 415, 503)
  saveJurisdiction(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(JurisdictionCodeParams)) { code }: JurisdictionCodeParams,
    @Body(new ContractPipe(JurisdictionInputV1)) entry: JurisdictionInputV1,
  ): Promise<JurisdictionV1> {
    return this.catalogue.saveJurisdiction(actor, code, entry);
  }

  @Put('jurisdictions/:code/retired')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Retira o restituye una jurisdicción', description: RETIRE_NOTE })
  @ApiParam(JURISDICTION_PARAM)
  @ApiBody({ schema: contractSchemaRef(RetiredInputV1) })
  @ApiOkResponse({ schema: contractSchemaRef(JurisdictionV1) })
  @ApiErrors(400, 404, 413, 415, 503)
  retireJurisdiction(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(JurisdictionCodeParams)) { code }: JurisdictionCodeParams,
    @Body(new ContractPipe(RetiredInputV1)) { retired }: RetiredInputV1,
  ): Promise<JurisdictionV1> {
    return this.catalogue.setRetired<JurisdictionV1>(actor, 'jurisdiction', code, retired);
  }
}
