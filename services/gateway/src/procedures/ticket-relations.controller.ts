import { Body, Controller, Delete, HttpCode, Param, Post, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import {
  LifecycleStateV1,
  MergeTicketBodyV1,
  RelatedTicketBodyV1,
  ResolutionRpc,
  Role,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { TicketNumberParams } from '../tickets/ticket.dto.js';
import { PerformTicketActionUseCase } from './perform-ticket-action.use-case.js';

const { Operator, Agent, Supervisor, Admin } = Role;
const TICKET_NUMBER = new ContractPipe(TicketNumberParams, ['number']);

export class RelatedTicketParams {
  @IsInt()
  @Min(1)
  number!: number;

  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  related!: number;
}
const RELATED_PARAMS = new ContractPipe(RelatedTicketParams, ['number', 'related']);

/** 200 with the addressed ticket's state, or the service's refusal (worded in the caller's language). */
function ApiTicketAction(): MethodDecorator {
  return applyDecorators(
    HttpCode(200),
    ApiOkResponse({ schema: contractSchemaRef(LifecycleStateV1), description: 'El ticket tras la acción' }),
    ApiErrors(400, 404, 409, 503),
  );
}

/**
 * Related tickets and merging a duplicate into its original (issue 12). The paths are `/related` and
 * `/merge`: `/links` already names a ticket's attachment links. Resolution decides who may and when.
 */
@ApiTags('tickets')
@ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
@Controller('api/v1/tickets')
export class TicketRelationsController {
  constructor(private readonly actions: PerformTicketActionUseCase) {}

  @Post(':number/related')
  @Roles(Operator, Agent, Supervisor, Admin)
  @ApiOperation({
    summary: 'Relaciona el ticket con otro',
    description:
      'La relación es simétrica: ambos tickets la muestran y su recorrido la registra. Relacionar dos tickets ya relacionados no cambia nada. `related` no puede ser el mismo ticket ni uno inexistente (400 que nombra el campo).',
  })
  @ApiBody({ schema: contractSchemaRef(RelatedTicketBodyV1) })
  @ApiErrors(413, 415)
  @ApiTicketAction()
  link(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(RelatedTicketBodyV1)) body: RelatedTicketBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Link, { actor, number, body });
  }

  @Delete(':number/related/:related')
  @Roles(Operator, Agent, Supervisor, Admin)
  @ApiOperation({
    summary: 'Quita la relación del ticket con otro',
    description: 'Quitar una relación que no existe no cambia nada.',
  })
  @ApiParam({ name: 'related', schema: { type: 'integer', minimum: 1 } })
  @ApiTicketAction()
  unlink(
    @CurrentActor() actor: ActorV1,
    @Param(RELATED_PARAMS) { number, related }: RelatedTicketParams,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Unlink, { actor, number, body: { related } });
  }

  @Post(':number/merge')
  @Roles(Operator, Agent, Supervisor, Admin)
  @ApiOperation({
    summary: 'Fusiona el ticket, un duplicado, en su original (`into`)',
    description:
      'El duplicado queda «fusionado» (terminal; no cuenta como cerrado ni vence su SLA) y su número sigue abriéndose; el original sigue su curso y avisa también al solicitante del duplicado. La Mesa de Servicios, los supervisores y los administradores fusionan en cualquier área; los agentes, solo si su área tiene ambos tickets. 409 si alguno está cerrado, si el original ya fue fusionado en otro o si el duplicado tiene duplicados fusionados en él.',
  })
  @ApiBody({ schema: contractSchemaRef(MergeTicketBodyV1) })
  @ApiErrors(413, 415)
  @ApiTicketAction()
  merge(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(MergeTicketBodyV1)) body: MergeTicketBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Merge, { actor, number, body });
  }
}
