import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import {
  AttachmentLinkV1,
  CHANNELS,
  ContactV1,
  IMPACTS,
  PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  URGENCIES,
  type Channel,
  type Impact,
  type Priority,
  type TicketPageV1,
  type TicketStatus,
  type TicketReferenceV1,
  type TicketSummaryV1,
  type TicketTimelineEntryV1,
  type TicketType,
  type TicketServiceLevelV1,
  type TicketViewV1,
  type Urgency,
} from '@cau/contracts';
import { contractSchemaRef } from '../openapi/contract-schemas.js';

export class TicketNumberParams {
  @IsInt()
  @Min(1)
  number!: number;
}

export class TicketRegisteredResponse {
  @ApiProperty({ format: 'uuid' })
  ticketId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Número consecutivo del ticket', example: 42 })
  number!: number;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;
}

// The classes below document interfaces of the contracts; `implements` keeps them in step.

/** Who took a step, as recorded with it. */
export class ActingAccountResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  role!: string;
}

export class TicketAssigneeResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty()
  name!: string;
}

export class LocalizedTextResponse {
  @ApiProperty()
  es!: string;

  @ApiProperty()
  en!: string;
}

class TimelineEntryResponse implements TicketTimelineEntryV1 {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'Tipo de evento', example: 'ticket.escalated' })
  type!: string;

  @ApiProperty({
    type: ActingAccountResponse,
    nullable: true,
    description: 'null en los pasos del sistema (enrutamiento, control de SLA) y en la encuesta',
  })
  by!: ActingAccountResponse | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'El área en que el paso deja el ticket' })
  area!: string | null;

  @ApiProperty({ type: LocalizedTextResponse, description: 'Una línea para listas, en español e inglés' })
  summary!: LocalizedTextResponse;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;
}

export class TicketReferenceResponse implements TicketReferenceV1 {
  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'null si aún no se conoce o si quien consulta es el solicitante (puede ser de otra persona)',
  })
  title!: string | null;

  @ApiProperty({ enum: TICKET_STATUSES, nullable: true })
  status!: TicketStatus | null;
}

export class TicketViewResponse implements TicketViewV1 {
  @ApiProperty({ format: 'uuid' })
  ticketId!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: CHANNELS })
  channel!: Channel;

  @ApiProperty({ enum: TICKET_TYPES })
  type!: TicketType;

  @ApiProperty()
  category!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Servicio ofrecido al que se refiere (`GET /api/v1/catalogue/services`); null si no se indicó',
  })
  service!: string | null;

  @ApiProperty({ enum: IMPACTS })
  impact!: Impact;

  @ApiProperty({ enum: URGENCIES })
  urgency!: Urgency;

  @ApiProperty({ enum: PRIORITIES, nullable: true, description: 'null hasta que el ticket se enruta' })
  priority!: Priority | null;

  @ApiProperty({ type: 'string', nullable: true })
  area!: string | null;

  @ApiProperty({ enum: TICKET_STATUSES })
  status!: TicketStatus;

  @ApiProperty({ description: 'Con atraso respecto de su SLA' })
  overdue!: boolean;

  @ApiProperty()
  jurisdiction!: string;

  @ApiProperty({ allOf: [contractSchemaRef(ContactV1)] })
  requester!: ContactV1;

  @ApiProperty({ oneOf: [contractSchemaRef(ContactV1), { type: 'null' }] })
  reportedBy!: ContactV1 | null;

  @ApiProperty({ type: ActingAccountResponse })
  registeredBy!: ActingAccountResponse;

  @ApiProperty({ type: 'array', items: contractSchemaRef(AttachmentLinkV1) })
  attachments!: AttachmentLinkV1[];

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  routedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({
    type: TicketAssigneeResponse,
    nullable: true,
    description: 'Quién tomó el ticket en su área actual; null hasta que alguien lo toma, y tras cada derivación',
  })
  assignee!: TicketAssigneeResponse | null;

  @ApiProperty({ description: 'En espera de una respuesta del solicitante' })
  waitingOnRequester!: boolean;

  @ApiProperty({
    type: [TicketReferenceResponse],
    description: 'Tickets relacionados con este (relación simétrica); vacío para solicitantes y referentes',
  })
  relatedTickets!: TicketReferenceResponse[];

  @ApiProperty({
    type: TicketReferenceResponse,
    nullable: true,
    description: 'El original en que se fusionó este duplicado (estado fusionado); null si no lo es',
  })
  mergedInto!: TicketReferenceResponse | null;

  @ApiProperty({
    type: [TicketReferenceResponse],
    description: 'Los duplicados fusionados en este ticket; vacío para solicitantes y referentes',
  })
  mergedTickets!: TicketReferenceResponse[];

  @ApiProperty({
    type: [TimelineEntryResponse],
    description: 'El recorrido del ticket, del paso más antiguo al último',
  })
  timeline!: TimelineEntryResponse[];
}

export class TicketSummaryResponse implements TicketSummaryV1 {
  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty({ format: 'uuid' })
  ticketId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: TICKET_STATUSES })
  status!: TicketStatus;

  @ApiProperty()
  overdue!: boolean;

  @ApiProperty({ enum: PRIORITIES, nullable: true })
  priority!: Priority | null;

  @ApiProperty({ type: 'string', nullable: true })
  area!: string | null;

  @ApiProperty()
  jurisdiction!: string;

  @ApiProperty({ format: 'email' })
  requesterEmail!: string;

  @ApiProperty()
  requesterName!: string;

  @ApiProperty({ enum: CHANNELS })
  channel!: Channel;

  @ApiProperty({ enum: TICKET_TYPES })
  type!: TicketType;

  @ApiProperty()
  category!: string;

  @ApiProperty({ enum: IMPACTS })
  impact!: Impact;

  @ApiProperty({ enum: URGENCIES })
  urgency!: Urgency;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiProperty({ format: 'date-time', description: 'Último cambio de cualquier tipo (paso, comentario, enrutamiento)' })
  updatedAt!: string;

  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description:
      'La cuenta que tomó el ticket en su área actual; null hasta que alguien lo toma, y tras cada derivación',
  })
  assigneeId!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Quién tomó el ticket en su área actual' })
  assigneeName!: string | null;

  @ApiProperty({ description: 'En espera de una respuesta del solicitante (los plazos no corren)' })
  waitingOnRequester!: boolean;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description:
      'Cuándo vence la respuesta (horario hábil de la política de SLA de su prioridad); null hasta que se conoce',
  })
  responseDueAt!: string | null;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description:
      'Cuándo vence la resolución; null hasta que se conoce, y mientras se espera al solicitante si la espera empezó antes del vencimiento',
  })
  resolutionDueAt!: string | null;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Cuándo se cumplió el objetivo de respuesta (primera toma o solución); null mientras no se cumpla',
  })
  respondedAt!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'El número del original en que se fusionó este duplicado; null si no lo es',
  })
  mergedInto!: number | null;
}

export class TicketServiceLevelResponse implements TicketServiceLevelV1 {
  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Cuándo debe responderse (horario hábil de su política de SLA); null hasta que se enruta',
  })
  responseDueAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Cuándo debe resolverse' })
  resolutionDueAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Cuándo se respondió' })
  respondedAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Cuándo se resolvió' })
  resolvedAt!: string | null;
}

/** The ticket as its page shows it: the read model plus the targets resolution keeps. */
export class TicketDetailResponse extends TicketViewResponse {
  @ApiProperty({
    type: TicketServiceLevelResponse,
    nullable: true,
    description: 'Objetivos de respuesta y resolución; null si el servicio de resolución aún no conoce el ticket',
  })
  serviceLevel!: TicketServiceLevelResponse | null;
}

export class TicketPageResponse implements TicketPageV1 {
  @ApiProperty({ type: [TicketSummaryResponse] })
  items!: TicketSummaryResponse[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    description:
      'Pasarlo como `cursor`, con los mismos filtros y el mismo `sort`, para leer la página siguiente; null en la última',
  })
  nextCursor!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Solo con el orden `newest` (el predeterminado): pasarlo como `before` para leer la página siguiente; null con otros órdenes y en la última',
  })
  nextBefore!: number | null;
}
