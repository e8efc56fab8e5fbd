import { ApiProperty } from '@nestjs/swagger';
import {
  ActingAccountV1,
  DERIVATION_KINDS,
  LocalizedTextV1,
  TICKET_STATUSES,
  TicketAssigneeV1,
  type DerivationKind,
  type TicketStatus,
} from '@cau/contracts';

// Documentation of the services' answers, which the gateway passes through unchanged.

/** Resolution's answer to every action: the ticket as the action left it. */
export class TicketStateResponse {
  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty({ enum: TICKET_STATUSES })
  status!: TicketStatus;

  @ApiProperty({ description: 'Área que tiene el ticket ahora', example: 'UIT' })
  area!: string;

  @ApiProperty({ type: TicketAssigneeV1, nullable: true, description: 'null mientras nadie lo tomó' })
  assignee!: TicketAssigneeV1 | null;

  @ApiProperty({ description: 'Con atraso respecto de su SLA' })
  overdue!: boolean;

  @ApiProperty({ description: 'En espera de una respuesta del solicitante' })
  waitingOnRequester!: boolean;
}

class PathStepResponse {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'null en el enrutamiento inicial' })
  derivationId!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'null en el enrutamiento inicial' })
  from!: string | null;

  @ApiProperty()
  to!: string;

  @ApiProperty({ enum: [...DERIVATION_KINDS, 'routed'] })
  kind!: DerivationKind | 'routed';

  @ApiProperty()
  reason!: string;

  @ApiProperty({
    type: ActingAccountV1,
    nullable: true,
    description: 'null en el enrutamiento inicial, que es automático',
  })
  by!: ActingAccountV1 | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class TicketPathResponse {
  @ApiProperty({ format: 'uuid' })
  ticketId!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty({ description: 'Dónde está el ticket ahora' })
  area!: string;

  @ApiProperty({ type: [PathStepResponse], description: 'El enrutamiento inicial y cada derivación, en orden' })
  steps!: PathStepResponse[];
}

class SuggestedAreaResponse {
  @ApiProperty({ example: 'UIT' })
  area!: string;

  @ApiProperty({ type: LocalizedTextV1 })
  reason!: LocalizedTextV1;

  @ApiProperty({ description: 'La regla del procedimiento que llevó a la sugerencia', example: 'security-incident' })
  rule!: string;
}

export class SuggestionResponse {
  @ApiProperty({
    type: SuggestedAreaResponse,
    nullable: true,
    description: 'Área a la que conviene derivar y por qué (procedimiento 9.1, pasos 3–4); null si no hay sugerencia',
  })
  suggestion!: SuggestedAreaResponse | null;
}

class ClosureHistoryStepResponse {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({
    description:
      'El paso: register, route, take, assign, estimate, log-work, comment, wait-requester, resume, ' +
      'register-solution, submit, accept, reject, approve, reopen, survey, o una derivación (escalate, coordinate, return)',
    example: 'log-work',
  })
  action!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'El área en que se dio el paso' })
  area!: string | null;

  @ApiProperty({ type: ActingAccountV1, nullable: true, description: 'null en los pasos del sistema' })
  by!: ActingAccountV1 | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Minutos insumidos (registro de trabajo)' })
  minutes!: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Motivo, nota o texto del paso' })
  notes!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Solo en derivaciones: el área de origen' })
  from!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Solo en derivaciones: el área de destino' })
  to!: string | null;
}

class ClosureResolutionResponse {
  @ApiProperty()
  solution!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Equipos, sistemas o servicios involucrados en el informe de cierre',
  })
  elements!: string | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Artículo de la base de conocimiento vinculado al derivar la solución (procedimiento 9.1, paso 6)',
  })
  articleRef!: string | null;

  @ApiProperty({ type: ActingAccountV1 })
  registeredBy!: ActingAccountV1;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;
}

class ClosureTimeToSolutionResponse {
  @ApiProperty({ type: 'integer', description: 'En horario hábil del calendario de la jurisdicción' })
  businessMinutes!: number;

  @ApiProperty({ type: 'integer' })
  calendarMinutes!: number;
}

class ClosureTimeWithoutServiceResponse {
  @ApiProperty({ type: 'integer' })
  minutes!: number;

  @ApiProperty({
    enum: ['reported', 'registration-to-solution'],
    description: 'Informado con la solución, o todo el tiempo del registro a la solución',
  })
  basis!: 'reported' | 'registration-to-solution';
}

/** Resolution's closure report (docs/domain.md § Closure report), written when the ticket closes. */
export class ClosureReportResponse {
  @ApiProperty({ format: 'uuid' })
  ticketId!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty({ type: 'string', nullable: true })
  title!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  jurisdiction!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'ALTA, MEDIA o BAJA' })
  priority!: string | null;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Cuándo se derivó la solución al supervisor' })
  resolvedAt!: string;

  @ApiProperty({ format: 'date-time' })
  closedAt!: string;

  @ApiProperty({ type: ActingAccountV1 })
  closedBy!: ActingAccountV1;

  @ApiProperty({ type: [ClosureHistoryStepResponse], description: 'Lo que pasó, derivaciones incluidas, en orden' })
  history!: ClosureHistoryStepResponse[];

  @ApiProperty({ type: ClosureResolutionResponse, description: 'Cómo se resolvió' })
  resolution!: ClosureResolutionResponse;

  @ApiProperty({
    type: ClosureTimeToSolutionResponse,
    description: 'Del registro a la solución derivada al supervisor',
  })
  timeToSolution!: ClosureTimeToSolutionResponse;

  @ApiProperty({ type: ClosureTimeWithoutServiceResponse })
  timeWithoutService!: ClosureTimeWithoutServiceResponse;

  @ApiProperty({ type: 'integer', description: 'Suma del trabajo registrado por todas las áreas («tiempo insumido»)' })
  workedMinutes!: number;

  @ApiProperty({ description: 'Se cerró con atraso respecto de su SLA' })
  overdue!: boolean;
}
