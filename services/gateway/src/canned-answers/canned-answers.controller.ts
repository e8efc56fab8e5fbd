import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import {
  CannedAnswerIdParams,
  CannedAnswerListResponse,
  CannedAnswerQuery,
  CannedAnswerResponse,
  CreateCannedAnswerRequest,
  UpdateCannedAnswerRequest,
} from './canned-answer.dto.js';
import { ManageCannedAnswersUseCase } from './manage-canned-answers.use-case.js';

const PLACEHOLDERS_TEXT =
  'Marcadores que el portal completa con los datos del ticket: `{{numero}}`, `{{titulo}}`, `{{solicitante}}`, ' +
  '`{{jurisdiccion}}`, `{{area}}`, `{{agente}}` (quien escribe); otro nombre entre `{{ }}` es un 400 con el campo `body`.';

@ApiTags('canned-answers')
@Controller('api/v1/canned-answers')
export class CannedAnswersController {
  constructor(private readonly answers: ManageCannedAnswersUseCase) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Respuestas predefinidas de las áreas, para respuestas y soluciones',
    description:
      'Todo el personal lee las de todas las áreas. `area` filtra por área; `search`, por título o texto (sin ' +
      'distinguir mayúsculas). Por área y título, hasta 300 (`truncated` cuando hay más).',
  })
  @ApiQueryFromContract(CannedAnswerQuery)
  @ApiOkResponse({ type: CannedAnswerListResponse })
  @ApiErrors(400)
  list(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(CannedAnswerQuery)) query: CannedAnswerQuery,
  ): Promise<CannedAnswerListResponse> {
    return this.answers.list(actor, query);
  }

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Escribe una respuesta predefinida del área',
    description:
      'El personal de un área escribe las de su área; supervisión y administración, las de cualquiera (403 si no). ' +
      'El título (hasta 120 caracteres) no se repite en el área, sin importar mayúsculas (409 con el campo ' +
      '`title`); el texto, hasta 5000 caracteres. ' +
      PLACEHOLDERS_TEXT,
  })
  @ApiBody({ schema: contractSchemaRef(CreateCannedAnswerRequest) })
  @ApiCreatedResponse({ type: CannedAnswerResponse })
  @ApiErrors(400, 403, 409, 413, 415)
  create(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(CreateCannedAnswerRequest)) request: CreateCannedAnswerRequest,
  ): Promise<CannedAnswerResponse> {
    return this.answers.create(actor, request);
  }

  @Patch(':id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Cambia el título o el texto de una respuesta predefinida',
    description: 'Los campos omitidos no cambian; el área no cambia. Las mismas reglas que al escribirla.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: contractSchemaRef(UpdateCannedAnswerRequest) })
  @ApiOkResponse({ type: CannedAnswerResponse })
  @ApiErrors(400, 403, 404, 409, 413, 415)
  update(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CannedAnswerIdParams)) { id }: CannedAnswerIdParams,
    @Body(new ContractPipe(UpdateCannedAnswerRequest)) request: UpdateCannedAnswerRequest,
  ): Promise<CannedAnswerResponse> {
    return this.answers.update(actor, id, request);
  }

  @Delete(':id')
  @Roles(...STAFF_ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Borra una respuesta predefinida', description: 'Quien puede escribirla puede borrarla.' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiNoContentResponse({ description: 'Borrada' })
  @ApiErrors(400, 403, 404)
  async delete(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(CannedAnswerIdParams)) { id }: CannedAnswerIdParams,
  ): Promise<void> {
    await this.answers.delete(actor, id);
  }
}
