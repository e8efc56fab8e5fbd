import { Body, Controller, Get, HttpCode, Param, Post, applyDecorators, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AcceptSolutionBodyV1,
  AssignTicketBodyV1,
  ClosureReportV1,
  DeriveTicketBodyV1,
  EstimateBodyV1,
  LifecycleStateV1,
  ROLES,
  ReasonBodyV1,
  ResolutionRpc,
  RoutingRpc,
  ReviewBodyV1,
  Role,
  STAFF_ROLES,
  SuggestedAreaV1,
  SolutionBodyV1,
  SubmitForReviewBodyV1,
  SurveyBodyV1,
  TicketPathV1,
  WorkLogBodyV1,
  type ActorV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { CommentRequest } from '../attachments/attachment.dto.js';
import { AttachmentsUseCase } from '../attachments/attachments.use-case.js';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ResolutionClient, RoutingClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { FreshTickets } from '../tickets/fresh-tickets.js';
import { TicketNumberParams } from '../tickets/ticket.dto.js';
import { AssignTicketUseCase } from './assign-ticket.use-case.js';
import { PerformTicketActionUseCase } from './perform-ticket-action.use-case.js';

const { Requester, Referente, Operator, Agent, Supervisor, Admin } = Role;
const TICKET_NUMBER = new ContractPipe(TicketNumberParams, ['number']);
const ACCEPTANCE = new ContractPipe(AcceptSolutionBodyV1);
/** The acceptance's body is optional: no body is an acceptance without a comment. */
const OPTIONAL_ACCEPTANCE: PipeTransform<unknown, AcceptSolutionBodyV1> = {
  transform: (value: unknown) => (value === undefined || value === null ? {} : ACCEPTANCE.transform(value)),
};

/** A JSON body checked against a contract class. */
function ApiJsonBody(contract: abstract new () => object): MethodDecorator {
  return applyDecorators(ApiBody({ schema: contractSchemaRef(contract) }), ApiErrors(413, 415));
}

/**
 * A resolution action answers 200 with the ticket's new state (not Nest's 201 for POST: it changes a
 * ticket and creates nothing), or the service's refusal.
 */
function ApiTicketAction(): MethodDecorator {
  return applyDecorators(
    HttpCode(200),
    ApiOkResponse({ schema: contractSchemaRef(LifecycleStateV1), description: 'El ticket tras la acción' }),
    ApiErrors(400, 404, 409, 503),
  );
}

/**
 * The steps of procedures 9.1–9.3 on one ticket. Each goes to the service that owns the step, which
 * applies the rules of the ticket's state (409 when the step does not fit it) and who may take it.
 */
@ApiTags('tickets')
@ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
@Controller('api/v1/tickets')
export class TicketProceduresController {
  constructor(
    private readonly actions: PerformTicketActionUseCase,
    private readonly routing: RoutingClient,
    private readonly resolution: ResolutionClient,
    private readonly assignment: AssignTicketUseCase,
    private readonly attachments: AttachmentsUseCase,
    private readonly fresh: FreshTickets,
  ) {}

  @Post(':number/take')
  @Roles(Operator, Agent, Supervisor, Admin)
  @ApiOperation({ summary: 'Toma el ticket: quien lo pide pasa a atenderlo' })
  @ApiTicketAction()
  take(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Take, { actor, number });
  }

  @Post(':number/assign')
  @Roles(Operator, Agent, Supervisor, Admin)
  @ApiOperation({ summary: 'Asigna el ticket a una persona' })
  @ApiJsonBody(AssignTicketBodyV1)
  @ApiTicketAction()
  assign(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(AssignTicketBodyV1)) body: AssignTicketBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.assignment.execute(actor, number, body);
  }

  @Post(':number/estimates')
  @Roles(Agent, Operator, Supervisor, Admin)
  @ApiOperation({ summary: 'Registra el tiempo estimado de solución (9.2 3.A.1, 3.B.2)' })
  @ApiJsonBody(EstimateBodyV1)
  @ApiTicketAction()
  estimate(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(EstimateBodyV1)) body: EstimateBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Estimate, { actor, number, body });
  }

  @Post(':number/worklogs')
  @Roles(Agent, Operator, Supervisor, Admin)
  @ApiOperation({ summary: 'Registra una intervención: qué se hizo y el tiempo insumido' })
  @ApiJsonBody(WorkLogBodyV1)
  @ApiTicketAction()
  logWork(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(WorkLogBodyV1)) body: WorkLogBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.LogWork, { actor, number, body });
  }

  @Post(':number/solution')
  @Roles(Agent, Operator, Supervisor, Admin)
  @ApiOperation({ summary: 'Registra la solución propuesta' })
  @ApiJsonBody(SolutionBodyV1)
  @ApiTicketAction()
  registerSolution(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(SolutionBodyV1)) body: SolutionBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.RegisterSolution, { actor, number, body });
  }

  @Post(':number/submit')
  @Roles(Operator, Supervisor, Admin)
  @ApiOperation({
    summary: 'Da el ticket por resuelto y lo pasa a revisión del supervisor',
    description:
      'Tras verificar la solución con el solicitante y actualizar la base de conocimiento (procedimiento 9.1, paso 6).',
  })
  @ApiJsonBody(SubmitForReviewBodyV1)
  @ApiTicketAction()
  submit(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(SubmitForReviewBodyV1)) body: SubmitForReviewBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Submit, { actor, number, body });
  }

  @Post(':number/review')
  @Roles(Supervisor, Admin)
  @ApiOperation({
    summary: 'Revisión del supervisor: aprueba y cierra, o rechaza con observaciones',
    description:
      'Solo supervisores y administradores cierran tickets; rechazar exige `observations`. Un ticket con atención en campo (visita registrada o equipo en reparación) se cierra con la conformidad firmada del usuario, o con `signOffWaivedReason`: por qué se cierra sin ella (409 si falta).',
  })
  @ApiJsonBody(ReviewBodyV1)
  @ApiTicketAction()
  review(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(ReviewBodyV1)) body: ReviewBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Review, { actor, number, body });
  }

  @Post(':number/reopen')
  @Roles(Requester, Referente, Operator, Supervisor, Admin)
  @ApiOperation({
    summary: 'Reabre un ticket resuelto o cerrado hace poco: el problema persiste',
    description:
      '`reason` es obligatorio. El solicitante, el referente de su jurisdicción, la Mesa de Servicios o un supervisor.',
  })
  @ApiJsonBody(ReasonBodyV1)
  @ApiTicketAction()
  reopen(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(ReasonBodyV1)) body: ReasonBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Reopen, { actor, number, body });
  }

  @Post(':number/wait')
  @Roles(Operator, Agent, Supervisor, Admin)
  @ApiOperation({ summary: 'Pone el ticket en espera de una respuesta del solicitante' })
  @ApiJsonBody(ReasonBodyV1)
  @ApiTicketAction()
  waitOnRequester(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(ReasonBodyV1)) body: ReasonBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.WaitRequester, { actor, number, body });
  }

  @Post(':number/resume')
  @Roles(Operator, Agent, Supervisor, Admin)
  @ApiOperation({ summary: 'Retoma un ticket que esperaba al solicitante' })
  @ApiTicketAction()
  resume(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Resume, { actor, number });
  }

  @Post(':number/acceptance')
  @Roles(Requester, Referente)
  @ApiOperation({
    summary: 'La solución resolvió mi problema: el solicitante (o el referente de su jurisdicción) la acepta',
    description:
      'Solo con el ticket `resuelto` (si no, 409). No cierra el ticket: queda para la revisión del supervisor, ' +
      'que ve la aceptación en el historial (`ticket.solution-accepted`). Cuerpo opcional: `{ "comment": "…" }`.',
  })
  @ApiJsonBody(AcceptSolutionBodyV1)
  @ApiTicketAction()
  accept(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(OPTIONAL_ACCEPTANCE) body: AcceptSolutionBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Accept, { actor, number, body });
  }

  @Post(':number/survey')
  @Roles(Requester)
  @ApiOperation({
    summary: 'Encuesta de satisfacción del solicitante sobre su ticket (con sesión)',
    description: 'Sin sesión, con el enlace del correo de cierre: `POST /api/v1/surveys/{token}`. Una sola por ticket.',
  })
  @ApiJsonBody(SurveyBodyV1)
  @ApiTicketAction()
  survey(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(SurveyBodyV1)) body: SurveyBodyV1,
  ): Promise<LifecycleStateV1> {
    return this.actions.perform(ResolutionRpc.Survey, { actor, number, body });
  }

  @Post(':number/comments')
  @Roles(Requester, Referente, Operator, Agent, Supervisor, Admin)
  @ApiOperation({
    summary: 'Agrega un comentario al historial del ticket',
    description:
      'El solicitante, el referente de su jurisdicción o el personal del CAU. Si el solicitante (o su referente) ' +
      'comenta un ticket resuelto, el ticket se reabre. Una respuesta del personal se envía por correo al ' +
      'solicitante (y al referente). `internal: true` es una nota interna: solo el personal la escribe (403 ' +
      'FORBIDDEN al solicitante y al referente) y la ve; nunca se les muestra ni se les envía por correo. ' +
      'Un `commentId` ya usado no agrega nada (reintentos seguros). ' +
      '`attachmentIds`: archivos subidos antes con `POST /api/v1/attachments` por la misma cuenta, que quedan en el ' +
      'ticket cuando el comentario se acepta (400 STAGED_ATTACHMENT_UNKNOWN si alguno no existe, venció o es de otra ' +
      'cuenta; nada se agrega entonces).',
  })
  @ApiJsonBody(CommentRequest)
  @ApiTicketAction()
  async comment(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(CommentRequest)) request: CommentRequest,
  ): Promise<LifecycleStateV1> {
    // Resolution refuses it too; refused here, nothing is checked nor sent.
    if (request.internal === true && !STAFF_ROLES.includes(actor.role)) {
      throw ServiceError.forbidden({ code: 'ticket.internal-note-staff-only' });
    }
    // attachmentIds are the gateway's: checked before, bound after resolution took the comment.
    const { attachmentIds, ...body } = request;
    const ids = [...new Set(attachmentIds ?? [])];
    await this.attachments.checkBindable(actor, ids, number);
    const state = await this.actions.perform(ResolutionRpc.Comment, { actor, number, body });
    await this.attachments.bind(actor, ids, number);
    return state;
  }

  @Post(':number/derivations')
  @Roles(Operator, Agent, Supervisor, Admin)
  @ApiOperation({
    summary: 'Deriva el ticket a otra área, según el grafo de derivaciones',
    description: 'Si se indica `kind`, debe coincidir con el de la arista del grafo.',
  })
  @ApiJsonBody(DeriveTicketBodyV1)
  @ApiCreatedResponse({
    schema: { type: 'object' },
    description: 'La derivación registrada: de qué área a cuál, tipo, motivo, quién y cuándo',
  })
  @ApiErrors(400, 404, 409, 503)
  derive(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(DeriveTicketBodyV1)) body: DeriveTicketBodyV1,
  ): Promise<unknown> {
    // Routing checks the move against the escalation graph and records it.
    return this.routing.request(RoutingRpc.Derive, { actor, number, body }, 'body');
  }

  @Get(':number/path')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'El recorrido del ticket entre áreas: cada derivación, quién, cuándo y por qué' })
  @ApiOkResponse({ schema: contractSchemaRef(TicketPathV1) })
  @ApiErrors(400, 404, 503)
  path(@CurrentActor() actor: ActorV1, @Param(TICKET_NUMBER) { number }: TicketNumberParams): Promise<TicketPathV1> {
    // The workspace reads it as soon as the ticket is registered, before routing may have applied it.
    return this.fresh.settle(actor, number, () => this.routing.request(RoutingRpc.Path, { actor, number }));
  }

  @Get(':number/suggestion')
  @Roles(Operator, Supervisor, Admin)
  @ApiOperation({ summary: 'Área sugerida para derivar el ticket' })
  @ApiOkResponse({ schema: contractSchemaRef(SuggestedAreaV1) })
  @ApiErrors(400, 404, 503)
  suggestion(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
  ): Promise<SuggestedAreaV1> {
    return this.fresh.settle(actor, number, () => this.routing.request(RoutingRpc.Suggest, { actor, number }));
  }

  @Get(':number/closure-report')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Informe de cierre: historia, solución, elementos involucrados, tiempos de solución y sin servicio',
    description:
      'Existe desde que el ticket se cierra (antes, 404). Un solicitante o referente solo obtiene el de los tickets ' +
      'que puede ver.',
  })
  @ApiOkResponse({
    schema: contractSchemaRef(ClosureReportV1),
    description: 'Tal como lo arma el servicio de resolución',
  })
  @ApiErrors(400, 404, 409, 503)
  closureReport(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
  ): Promise<ClosureReportV1> {
    return this.resolution.request(ResolutionRpc.ClosureReport, { actor, number });
  }
}
