import { ApiProperty } from '@nestjs/swagger';
import { DERIVATION_KINDS, TICKET_STATUSES, type DerivationKind, type TicketStatus } from '@cau/contracts';
import { ActingAccountResponse, LocalizedTextResponse, TicketAssigneeResponse } from '../tickets/ticket.dto.js';

// Documentation of the services' answers, which the gateway passes through unchanged.

/** Resolution's answer to every action: the ticket as the action left it. */
export class TicketStateResponse {
  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty({ enum: TICKET_STATUSES })
  status!: TicketStatus;

  @ApiProperty({ description: 'Área que tiene el ticket ahora', example: 'UIT' })
  area!: string;

  @ApiProperty({ type: TicketAssigneeResponse, nullable: true, description: 'null mientras nadie lo tomó' })
  assignee!: TicketAssigneeResponse | null;

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
    type: ActingAccountResponse,
    nullable: true,
    description: 'null en el enrutamiento inicial, que es automático',
  })
  by!: ActingAccountResponse | null;

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

  @ApiProperty({ type: LocalizedTextResponse })
  reason!: LocalizedTextResponse;

  @ApiProperty({ description: 'La regla del procedimiento que llevó a la sugerencia', example: 'security-incident' })
  rule!: string;
}

export class SuggestionResponse {
  @ApiProperty({
    type: SuggestedAreaResponse,
    nullable: true,
    description: 'Área a la que conviene derivar y por qué (9.1 pasos 3–4); null si no hay sugerencia',
  })
  suggestion!: SuggestedAreaResponse | null;
}
