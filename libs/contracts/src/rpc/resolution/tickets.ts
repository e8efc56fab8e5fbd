import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { TICKET_STATUSES, type TicketStatus } from '../../enums.js';
import { ActingAccountV1, TicketAssigneeV1 } from '../../reply-parts.js';
import { Documented } from '../../reply-schema.js';

/**
 * What may be done to a ticket in resolution, each a command addressed to the area the ticket is in
 * (`ResolutionRpc.Take`, …) and each a permission (resolution's `mayAct`).
 */
export const RESOLUTION_ACTIONS = [
  'take',
  'assign',
  'estimate',
  'log-work',
  'register-solution',
  'submit',
  'review',
  'reopen',
  'wait-requester',
  'resume',
  'survey',
  'comment',
  'accept',
  'link',
  'unlink',
  'merge',
] as const;
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number];

/** What every lifecycle command answers: where the ticket stands after it. */
export class LifecycleStateV1 {
  @IsInt()
  @Min(1)
  number!: number;

  @IsIn(TICKET_STATUSES)
  status!: TicketStatus;

  /** The area the command was addressed to: a command only runs where the ticket is. */
  @IsString()
  @Documented({ description: 'Área que tiene el ticket ahora', example: 'UIT' })
  area!: string;

  @ValidateNested()
  @Type(() => TicketAssigneeV1)
  @Documented({ nullable: true, description: 'null mientras nadie lo tomó' })
  assignee!: TicketAssigneeV1 | null;

  @IsBoolean()
  @Documented({ description: 'Con atraso respecto de su SLA' })
  overdue!: boolean;

  @IsBoolean()
  @Documented({ description: 'En espera de una respuesta del solicitante' })
  waitingOnRequester!: boolean;
}

/**
 * When the ticket is due to be answered and solved (business hours of its SLA policy), and when it was;
 * null until the ticket is routed (no priority, no target yet).
 */
export class TicketServiceLevelV1 {
  @IsInt()
  @Min(1)
  number!: number;

  @IsString()
  @Documented({
    format: 'date-time',
    nullable: true,
    description: 'Cuándo debe responderse (horario hábil de su política de SLA); null hasta que se enruta',
  })
  responseDueAt!: string | null;

  @IsString()
  @Documented({ format: 'date-time', nullable: true, description: 'Cuándo debe resolverse' })
  resolutionDueAt!: string | null;

  @IsString()
  @Documented({ format: 'date-time', nullable: true, description: 'Cuándo se respondió' })
  respondedAt!: string | null;

  @IsString()
  @Documented({ format: 'date-time', nullable: true, description: 'Cuándo se resolvió' })
  resolvedAt!: string | null;
}

/** One step of the ticket's path: who did what, when, in which area (docs/domain.md § Work on a ticket: "tiempo insumido"). */
export class HistoryStepV1 {
  @IsString()
  @Documented({ format: 'date-time' })
  at!: string;

  @IsString()
  @Documented({
    description:
      'El paso: register, route, take, assign, estimate, log-work, comment, wait-requester, resume, ' +
      'register-solution, submit, accept, reject, approve, reopen, survey, o una derivación (escalate, coordinate, return)',
    example: 'log-work',
  })
  action!: string;

  @IsString()
  @Documented({ nullable: true, description: 'El área en que se dio el paso' })
  area!: string | null;

  @ValidateNested()
  @Type(() => ActingAccountV1)
  @Documented({ nullable: true, description: 'null en los pasos del sistema' })
  by!: ActingAccountV1 | null;

  @IsInt()
  @Documented({ nullable: true, description: 'Minutos insumidos (registro de trabajo)' })
  minutes!: number | null;

  @IsString()
  @Documented({ nullable: true, description: 'Motivo, nota o texto del paso' })
  notes!: string | null;

  /** Derivations only. */
  @IsString()
  @Documented({ nullable: true, description: 'Solo en derivaciones: el área de origen' })
  from!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Solo en derivaciones: el área de destino' })
  to!: string | null;
}

/** How a closed ticket was resolved. */
export class ClosureResolutionV1 {
  @IsString()
  solution!: string;

  @IsString()
  @Documented({ nullable: true, description: 'Equipos, sistemas o servicios involucrados en el informe de cierre' })
  elements!: string | null;

  @IsString()
  @Documented({
    nullable: true,
    description: 'Artículo de la base de conocimiento vinculado al derivar la solución (procedimiento 9.1, paso 6)',
  })
  articleRef!: string | null;

  @ValidateNested()
  @Type(() => ActingAccountV1)
  registeredBy!: ActingAccountV1;

  @IsString()
  @Documented({ format: 'date-time' })
  registeredAt!: string;
}

export class ClosureTimeToSolutionV1 {
  @IsInt()
  @Documented({ description: 'En horario hábil del calendario de la jurisdicción' })
  businessMinutes!: number;

  @IsInt()
  calendarMinutes!: number;
}

export class ClosureTimeWithoutServiceV1 {
  @IsInt()
  minutes!: number;

  @IsIn(['reported', 'registration-to-solution'])
  @Documented({ description: 'Informado con la solución, o todo el tiempo del registro a la solución' })
  basis!: 'reported' | 'registration-to-solution';
}

/**
 * The report prepared when a ticket is closed (docs/domain.md § Closure report): what happened (the history, derivations
 * included), how it was resolved and with which elements, how long the solution took and how long the
 * requester was without service.
 */
export class ClosureReportV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  number!: number;

  @IsString()
  @Documented({ nullable: true })
  title!: string | null;

  @IsString()
  @Documented({ nullable: true })
  jurisdiction!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'ALTA, MEDIA o BAJA' })
  priority!: string | null;

  @IsString()
  @Documented({ format: 'date-time' })
  registeredAt!: string;

  @IsString()
  @Documented({ format: 'date-time', description: 'Cuándo se derivó la solución al supervisor' })
  resolvedAt!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  closedAt!: string;

  @ValidateNested()
  @Type(() => ActingAccountV1)
  closedBy!: ActingAccountV1;

  @ValidateNested({ each: true })
  @Type(() => HistoryStepV1)
  @Documented({ description: 'Lo que pasó, derivaciones incluidas, en orden' })
  history!: HistoryStepV1[];

  @ValidateNested()
  @Type(() => ClosureResolutionV1)
  @Documented({ description: 'Cómo se resolvió' })
  resolution!: ClosureResolutionV1;

  /** From registration to the solution derived to the supervisor. */
  @ValidateNested()
  @Type(() => ClosureTimeToSolutionV1)
  @Documented({ description: 'Del registro a la solución derivada al supervisor' })
  timeToSolution!: ClosureTimeToSolutionV1;

  /** As reported with the solution, or else the whole time from registration to the solution. */
  @ValidateNested()
  @Type(() => ClosureTimeWithoutServiceV1)
  timeWithoutService!: ClosureTimeWithoutServiceV1;

  /** Sum of the work logged by every area ("tiempo insumido"). */
  @IsInt()
  @Documented({ description: 'Suma del trabajo registrado por todas las áreas («tiempo insumido»)' })
  workedMinutes!: number;

  @IsBoolean()
  @Documented({ description: 'Se cerró con atraso respecto de su SLA' })
  overdue!: boolean;
}
