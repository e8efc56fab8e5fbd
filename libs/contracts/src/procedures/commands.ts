import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase } from '../common.js';
import {
  AREA_CODE_PATTERN,
  CHANNELS,
  IMPACTS,
  TICKET_TYPES,
  URGENCIES,
  type Channel,
  type Impact,
  type TicketType,
  type Urgency,
} from '../enums.js';
import { Limits } from '../limits.js';
import { NotBlank } from '../not-blank.js';

export const DERIVATION_KINDS = ['escalate', 'coordinate', 'return'] as const;
export type DerivationKind = (typeof DERIVATION_KINDS)[number];

export const REVIEW_DECISIONS = ['approve', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const SATISFACTION_LEVELS = ['satisfecho', 'regular', 'insatisfecho'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** Every procedure command names the ticket by its human number, as people do. */
export class TicketCommandBase extends ActorEnvelopeBase {
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  number!: number;
}

// ---- HTTP bodies (validated by the gateway, wrapped with actor and number for the services) ----

export class DeriveTicketBodyV1 {
  @IsDefined()
  @Matches(AREA_CODE_PATTERN)
  to!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.reason)
  reason!: string;

  /** Checked against the graph's edge when given (escalate, coordinate, return). */
  @IsOptional()
  @IsIn(DERIVATION_KINDS)
  kind?: DerivationKind;
}

export class AssignTicketBodyV1 {
  @IsDefined()
  @IsUUID()
  assigneeId!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.name)
  assigneeName!: string;
}

export class EstimateBodyV1 {
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(525_600)
  minutes!: number;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.note)
  note?: string;
}

export class WorkLogBodyV1 {
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.note)
  description!: string;

  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(10_080)
  minutes!: number;
}

export class SolutionBodyV1 {
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.description)
  solution!: string;

  /** Equipment, systems or services involved (docs/domain.md § Closure report: "elementos involucrados"). */
  @IsOptional()
  @IsString()
  @MaxLength(Limits.note)
  elements?: string;

  /** Minutes the requester was without service, when known (closure report). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5_256_000)
  downtimeMinutes?: number;
}

export class SubmitForReviewBodyV1 {
  /** The operator verified the solution with the requester (docs/domain.md § Procedure 9.1). */
  @IsDefined()
  @IsBoolean()
  verifiedWithRequester!: boolean;

  /** Knowledge-base article linked or created for this case (9.1 step 6). */
  @IsOptional()
  @IsString()
  @MaxLength(Limits.articleRef)
  articleRef?: string;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.note)
  note?: string;
}

export class ReviewBodyV1 {
  @IsDefined()
  @IsIn(REVIEW_DECISIONS)
  decision!: ReviewDecision;

  /** Required when rejecting (9.1 step 9: "para que subsane lo observado"). */
  @IsOptional()
  @IsString()
  @MaxLength(Limits.note)
  observations?: string;

  /**
   * Approving a field ticket without the user's signed conformity (docs/domain.md § Field service): why it closes anyway.
   * Without it such an approval is refused with the reason.
   */
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.reason)
  signOffWaivedReason?: string;
}

export class ReasonBodyV1 {
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.reason)
  reason!: string;
}

export class SurveyBodyV1 {
  @IsDefined()
  @IsIn(SATISFACTION_LEVELS)
  satisfaction!: SatisfactionLevel;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  score?: number;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.note)
  comment?: string;
}

/** The requester (or the jurisdiction's referente) confirms the proposed solution solved the problem. */
export class AcceptSolutionBodyV1 {
  @IsOptional()
  @IsString()
  @MaxLength(Limits.note)
  comment?: string;
}

// ---- Service commands: a body with its actor and ticket number ----

export class DeriveTicketCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => DeriveTicketBodyV1)
  body!: DeriveTicketBodyV1;
}
export class AssignTicketCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => AssignTicketBodyV1)
  body!: AssignTicketBodyV1;

  /** The assignee's address, added by the gateway from its accounts (never taken from the HTTP body). */
  @IsOptional()
  @IsEmail()
  assigneeEmail?: string;
}
export class EstimateCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => EstimateBodyV1)
  body!: EstimateBodyV1;
}
export class WorkLogCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => WorkLogBodyV1)
  body!: WorkLogBodyV1;
}
export class SolutionCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => SolutionBodyV1)
  body!: SolutionBodyV1;
}
export class SubmitForReviewCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => SubmitForReviewBodyV1)
  body!: SubmitForReviewBodyV1;
}
export class ReviewCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => ReviewBodyV1)
  body!: ReviewBodyV1;
}
export class ReasonCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => ReasonBodyV1)
  body!: ReasonBodyV1;
}
export class SurveyCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyBodyV1)
  body!: SurveyBodyV1;
}
export class AcceptSolutionCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => AcceptSolutionBodyV1)
  body!: AcceptSolutionBodyV1;
}
/** Another ticket the addressed one is related to (link, unlink), by its number. */
export class RelatedTicketBodyV1 {
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  related!: number;
}
export class RelatedTicketCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => RelatedTicketBodyV1)
  body!: RelatedTicketBodyV1;
}

/**
 * The addressed ticket is a duplicate of `into` (its original): it ends merged into it, and the original
 * carries on with the duplicate's requester also told of its progress.
 */
export class MergeTicketBodyV1 {
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  into!: number;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.reason)
  reason?: string;
}
export class MergeTicketCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => MergeTicketBodyV1)
  body!: MergeTicketBodyV1;
}

/** Take, locate, suggest, closure report: no body beyond the number. */
export class TicketOnlyCommandV1 extends TicketCommandBase {}

/**
 * A message on the ticket's timeline: the requester answering (from the portal or by replying to a
 * mail) or staff writing to the ticket. On a resolved ticket, the requester's comment reopens it.
 */
export class CommentBodyV1 {
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.description)
  text!: string;

  /**
   * Chosen by the caller and kept with the comment: a retry with the same id adds nothing. The mail
   * channel derives it from the mail, so a mail processed twice gives one comment.
   */
  @IsOptional()
  @IsUUID()
  commentId?: string;

  /** How the comment arrived (default `portal`). */
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  /**
   * An internal note: staff only, never shown to the requester or the referente nor mailed to them.
   * Absent or false: a public reply, which staff's comments mail to the requester.
   */
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}
export class CommentCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => CommentBodyV1)
  body!: CommentBodyV1;
}

/**
 * Corrects the ticket's classification (L1, or the area that holds the ticket: ACGII "clasifica y
 * prioriza", docs/domain.md § Procedure 9.2, step 3.C.2). Routing recomputes the priority with its matrix. At least one of the four
 * fields is given; the reason is kept in the timeline.
 */
export class ReclassifyTicketBodyV1 {
  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.category)
  category?: string;

  @IsOptional()
  @IsIn(IMPACTS)
  impact?: Impact;

  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.reason)
  reason!: string;
}
export class ReclassifyTicketCommandV1 extends TicketCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => ReclassifyTicketBodyV1)
  body!: ReclassifyTicketBodyV1;
}
