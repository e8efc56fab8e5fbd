import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ProblemActionInputV1,
  ProblemChangeV1,
  ProblemInputV1,
  ProblemsV1,
  ProblemTicketsInputV1,
  ProblemV1,
  ResolutionRpc,
  Role,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ResolutionClient } from '../http/service-clients.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { ManageProblemsUseCase } from './manage-problems.use-case.js';
import { ProblemIdParams, ProblemsQuery, ProblemTicketParams } from './problems.dto.js';

const STAFF = [Role.Operator, Role.Agent, Role.Supervisor, Role.Admin] as const;
const ID_PARAM = { name: 'id', schema: { type: 'string', format: 'uuid' } } as const;
const ID = new ContractPipe(ProblemIdParams);

/**
 * Problem records (docs/domain.md § Post-assistance evaluation): recurring incidents grouped for a root-cause analysis. Every staff member
 * reads them; the members of the responsible area, supervisors and administrators change them; only
 * supervisors and administrators close one or move it to another area (resolution decides).
 */
@ApiTags('problems')
@Controller('api/v1/problems')
export class ProblemsController {
  constructor(
    private readonly resolution: ResolutionClient,
    private readonly problems: ManageProblemsUseCase,
  ) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Problemas registrados, con los incidentes vinculados a cada uno',
    description: 'Primero los no cerrados, los cambiados más recientemente antes. `openCount` cuenta los no cerrados.',
  })
  @ApiQueryFromContract(ProblemsQuery)
  @ApiOkResponse({ schema: contractSchemaRef(ProblemsV1) })
  @ApiErrors(400, 403, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(ProblemsQuery, ['ticket'])) query: ProblemsQuery,
  ): Promise<ProblemsV1> {
    return this.resolution.request(ResolutionRpc.ListProblems, { ...query, actor });
  }

  @Post()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Registra un problema',
    description:
      'A mano o desde los incidentes recurrentes: `tickets` vincula ya los incidentes que lo hicieron visible (un ticket está en a lo sumo un problema). Lo crean el personal del área responsable, supervisores y administradores.',
  })
  @ApiBody({ schema: contractSchemaRef(ProblemInputV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(ProblemV1) })
  @ApiErrors(400, 403, 409, 413, 415, 503)
  create(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(ProblemInputV1)) body: ProblemInputV1,
  ): Promise<ProblemV1> {
    return this.problems.create(actor, body);
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Un problema, con sus incidentes vinculados y las acciones realizadas' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ schema: contractSchemaRef(ProblemV1) })
  @ApiErrors(400, 403, 404, 503)
  get(@CurrentActor() actor: ActorV1, @Param(ID) { id }: ProblemIdParams): Promise<ProblemV1> {
    return this.resolution.request(ResolutionRpc.GetProblem, { actor, id });
  }

  @Patch(':id')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Cambia un problema: datos, estado, causa raíz, solución temporal',
    description:
      'Solo cambian los campos enviados. Estados: abierto → en_analisis → solucion_temporal (requiere la solución temporal o su artículo) → resuelto (requiere la causa raíz) → cerrado; puede volver a en_analisis mientras no esté cerrado. `workaroundArticleId` debe ser un artículo de la base de conocimiento que exista (400 que nombra el campo). Cerrar o cambiar el área: supervisores y administradores.',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ schema: contractSchemaRef(ProblemChangeV1) })
  @ApiOkResponse({ schema: contractSchemaRef(ProblemV1) })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  change(
    @CurrentActor() actor: ActorV1,
    @Param(ID) { id }: ProblemIdParams,
    @Body(new ContractPipe(ProblemChangeV1)) body: ProblemChangeV1,
  ): Promise<ProblemV1> {
    return this.problems.change(actor, id, body);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Registra una acción realizada (quién y cuándo se guardan solos)' })
  @ApiParam(ID_PARAM)
  @ApiBody({ schema: contractSchemaRef(ProblemActionInputV1) })
  @ApiOkResponse({ schema: contractSchemaRef(ProblemV1) })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  addAction(
    @CurrentActor() actor: ActorV1,
    @Param(ID) { id }: ProblemIdParams,
    @Body(new ContractPipe(ProblemActionInputV1)) body: ProblemActionInputV1,
  ): Promise<ProblemV1> {
    return this.problems.addAction(actor, id, body);
  }

  @Post(':id/tickets')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Vincula incidentes al problema',
    description:
      'Uno o varios (una selección de la cola). Un ticket inexistente es un 400 que nombra su posición; uno vinculado a otro problema, un 409 (desvincúlelo allí primero). Vincular uno ya vinculado a este problema no cambia nada.',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ schema: contractSchemaRef(ProblemTicketsInputV1) })
  @ApiOkResponse({ schema: contractSchemaRef(ProblemV1) })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  link(
    @CurrentActor() actor: ActorV1,
    @Param(ID) { id }: ProblemIdParams,
    @Body(new ContractPipe(ProblemTicketsInputV1)) body: ProblemTicketsInputV1,
  ): Promise<ProblemV1> {
    return this.problems.link(actor, id, body);
  }

  @Delete(':id/tickets/:number')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Desvincula un incidente del problema' })
  @ApiParam(ID_PARAM)
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ schema: contractSchemaRef(ProblemV1) })
  @ApiErrors(400, 403, 404, 503)
  unlink(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(ProblemTicketParams, ['number'])) { id, number }: ProblemTicketParams,
  ): Promise<ProblemV1> {
    return this.problems.unlink(actor, id, number);
  }
}
