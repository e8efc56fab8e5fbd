import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase } from '../../common.js';
import { AREA_CODE_PATTERN, TICKET_STATUSES, type TicketStatus } from '../../enums.js';
import { defineEvent } from '../../events/envelope.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';
import { ByV1 } from '../../procedures/events.js';

/**
 * Problem records (docs/domain.md § Post-assistance evaluation: continuous improvement): a problem groups recurring incidents so
 * their root cause is analysed once, a workaround (ideally a knowledge-base article) is known meanwhile, and
 * the actions taken are written down. Resolution owns them (`ResolutionRpc.*Problem*`).
 */

export const PROBLEM_STATUSES = ['abierto', 'en_analisis', 'solucion_temporal', 'resuelto', 'cerrado'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const ProblemLimits = {
  title: 200,
  description: 10_000,
  rootCause: 10_000,
  workaround: 10_000,
  action: 2_000,
  /** Tickets linked in one request (a queue selection). */
  linkBatch: 100,
  /** Actions kept on one problem: a log, not a conversation. */
  actions: 500,
  pageSize: 100,
} as const;

/** HTTP body of "create a problem". */
export class ProblemInputV1 {
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(ProblemLimits.title)
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(ProblemLimits.description)
  description?: string;

  /** The area responsible for the analysis. */
  @IsDefined()
  @IsString()
  @Matches(AREA_CODE_PATTERN)
  area!: string;

  /** Numbers of the incidents that made the problem visible (linked at creation). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ProblemLimits.linkBatch)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(Number.MAX_SAFE_INTEGER, { each: true })
  tickets?: number[];
}

/** HTTP body of "change a problem": only the fields sent change; "" (or null) clears an optional one. */
export class ProblemChangeV1 {
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(ProblemLimits.title)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(ProblemLimits.description)
  description?: string;

  @IsOptional()
  @IsString()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  @IsOptional()
  @IsIn(PROBLEM_STATUSES)
  status?: ProblemStatus;

  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(ProblemLimits.rootCause)
  rootCause?: string | null;

  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(ProblemLimits.workaround)
  workaround?: string | null;

  /** The knowledge-base article that explains the workaround (it must exist and be readable); "" or null: none. */
  @ValidateIf((_o, v) => v !== null && v !== undefined && v !== '')
  @IsUUID()
  workaroundArticleId?: string | null;
}

/** HTTP body of "record an action taken". */
export class ProblemActionInputV1 {
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(ProblemLimits.action)
  text!: string;
}

/** HTTP body of "link incidents": one or several (a queue selection). */
export class ProblemTicketsInputV1 {
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ProblemLimits.linkBatch)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(Number.MAX_SAFE_INTEGER, { each: true })
  tickets!: number[];
}

export class ProblemsQueryV1 extends ActorEnvelopeBase {
  @IsOptional()
  @IsIn(PROBLEM_STATUSES)
  status?: ProblemStatus;

  @IsOptional()
  @IsString()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  /** The problem this ticket is linked to (a list of at most one). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  ticket?: number;
}

export class ProblemRefV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;
}

export class CreateProblemCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => ProblemInputV1)
  body!: ProblemInputV1;
}

export class ChangeProblemCommandV1 extends ProblemRefV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ProblemChangeV1)
  body!: ProblemChangeV1;
}

export class AddProblemActionCommandV1 extends ProblemRefV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ProblemActionInputV1)
  body!: ProblemActionInputV1;
}

export class LinkProblemTicketsCommandV1 extends ProblemRefV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ProblemTicketsInputV1)
  body!: ProblemTicketsInputV1;
}

export class UnlinkProblemTicketCommandV1 extends ProblemRefV1 {
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  ticket!: number;
}

export class ProblemActionV1 {
  @IsString()
  @Documented({ format: 'date-time' })
  at!: string;

  @ValidateNested()
  @Type(() => ByV1)
  by!: ByV1;

  @IsString()
  @Documented({ example: 'Se renovó el certificado del servidor de correo.' })
  text!: string;
}

export class ProblemTicketV1 {
  @IsInt()
  @Documented({ example: 1042 })
  number!: number;

  @Matches(AREA_CODE_PATTERN)
  @Documented({ example: 'UIT' })
  area!: string;

  @IsIn(TICKET_STATUSES)
  @Documented({ description: 'Estado actual del ticket' })
  status!: TicketStatus;

  @IsString()
  @Documented({ format: 'date-time' })
  linkedAt!: string;
}

export class ProblemSummaryV1 {
  @IsUUID()
  id!: string;

  @IsInt()
  @Documented({ example: 12, description: 'Número correlativo del problema (PRB-12)' })
  number!: number;

  @IsString()
  @Documented({ example: 'Caídas del correo institucional por las mañanas' })
  title!: string;

  @IsIn(PROBLEM_STATUSES)
  @Documented({ description: 'Estado del análisis' })
  status!: ProblemStatus;

  @Matches(AREA_CODE_PATTERN)
  @Documented({ example: 'UIT', description: 'Área responsable del análisis' })
  area!: string;

  /** Incidents linked, and how many of them are not closed yet. */
  @IsInt()
  @Documented({ description: 'Incidentes vinculados' })
  ticketCount!: number;

  @IsInt()
  @Documented({ description: 'Incidentes vinculados que aún no están cerrados' })
  openTicketCount!: number;

  @IsString()
  @Documented({ format: 'date-time' })
  createdAt!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  updatedAt!: string;
}

export class ProblemV1 extends ProblemSummaryV1 {
  @IsString()
  description!: string;

  @IsString()
  @Documented({ nullable: true, description: 'Causa raíz, cuando se conoce' })
  rootCause!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Solución temporal mientras no hay una definitiva' })
  workaround!: string | null;

  @IsUUID()
  @Documented({
    nullable: true,
    description: 'Artículo de la base de conocimiento que explica la solución temporal',
  })
  workaroundArticleId!: string | null;

  @ValidateNested()
  @Type(() => ByV1)
  createdBy!: ByV1;

  @ValidateNested({ each: true })
  @Type(() => ProblemTicketV1)
  @Documented({ description: 'Incidentes vinculados, con su estado' })
  tickets!: ProblemTicketV1[];

  @ValidateNested({ each: true })
  @Type(() => ProblemActionV1)
  @Documented({ description: 'Acciones realizadas, en orden' })
  actions!: ProblemActionV1[];
}

export class ProblemsV1 {
  @ValidateNested({ each: true })
  @Type(() => ProblemSummaryV1)
  problems!: ProblemSummaryV1[];

  /** Problems not closed, whatever the filters. */
  @IsInt()
  @Documented({ description: 'Problemas no cerrados, con cualquier filtro' })
  openCount!: number;
}

/** `problem.changed`: the problem as it is now (created, edited, status changed, an action recorded). */
export class ProblemChangedV1 {
  @IsUUID()
  problemId!: string;

  @IsInt()
  @Min(1)
  number!: number;

  @IsIn(PROBLEM_STATUSES)
  status!: ProblemStatus;

  @IsString()
  @Matches(AREA_CODE_PATTERN)
  area!: string;

  @IsString()
  title!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ByV1)
  by!: ByV1;

  @IsISO8601()
  at!: string;
}

/** `problem.ticket-linked` / `problem.ticket-unlinked`: on the ticket's stream (its `ticketId`). */
export class ProblemTicketLinkV1 {
  @IsUUID()
  problemId!: string;

  @IsInt()
  @Min(1)
  problemNumber!: number;

  @IsInt()
  @Min(1)
  number!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => ByV1)
  by!: ByV1;

  @IsISO8601()
  at!: string;
}

export const ProblemEvents = {
  ProblemChanged: defineEvent('problem.changed', 1, ProblemChangedV1),
  TicketLinked: defineEvent('problem.ticket-linked', 1, ProblemTicketLinkV1),
  TicketUnlinked: defineEvent('problem.ticket-unlinked', 1, ProblemTicketLinkV1),
} as const;
