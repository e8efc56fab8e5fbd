import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../events/envelope.js';
import {
  AREA_CODE_PATTERN,
  CHANNELS,
  IMPACTS,
  PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  URGENCIES,
  type Channel,
  type Impact,
  type Priority,
  type TicketStatus,
  type TicketType,
  type Urgency,
} from '../enums.js';
import { Documented } from '../reply-schema.js';
import { DERIVATION_KINDS, SATISFACTION_LEVELS, type DerivationKind, type SatisfactionLevel } from './commands.js';

/** Who did it: recorded on every step of the ticket's path (docs/domain.md § Escalation graph: every derivation is recorded). */
export class ByV1 {
  @IsUUID()
  accountId!: string;

  @IsString()
  name!: string;

  @IsString()
  role!: string;

  /**
   * Where the person can be mailed (the operator told of a rejected review, the agent of an area a
   * ticket comes back to). Optional: events recorded before it existed, and assignees without a known
   * account, lack it. Consumers must be deployed before producers that fill it (unknown fields are refused).
   */
  @IsOptional()
  @IsEmail()
  email?: string;
}

class TicketStepBase {
  @IsUUID()
  ticketId!: string;

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

/** Resolution events carry the status they leave the ticket in, so read models need no state machine. */
class LifecycleStepBase extends TicketStepBase {
  @Matches(AREA_CODE_PATTERN)
  area!: string;

  @IsIn(TICKET_STATUSES)
  status!: TicketStatus;
}

export class TicketDerivedV1 extends TicketStepBase {
  @IsUUID()
  derivationId!: string;

  @Matches(AREA_CODE_PATTERN)
  from!: string;

  @Matches(AREA_CODE_PATTERN)
  to!: string;

  @IsIn(DERIVATION_KINDS)
  kind!: DerivationKind;

  @IsString()
  reason!: string;
}

export class TicketTakenV1 extends LifecycleStepBase {
  @IsObject()
  @ValidateNested()
  @Type(() => ByV1)
  assignee!: ByV1;
}

export class TicketEstimatedV1 extends LifecycleStepBase {
  @IsInt()
  @Min(1)
  minutes!: number;

  @IsOptional()
  @IsString()
  note?: string;
}

export class WorkLoggedV1 extends LifecycleStepBase {
  @IsString()
  description!: string;

  @IsInt()
  @Min(1)
  minutes!: number;
}

export class SolutionProposedV1 extends LifecycleStepBase {
  @IsString()
  solution!: string;

  @IsOptional()
  @IsString()
  elements?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  downtimeMinutes?: number;
}

export class TicketResolvedV1 extends LifecycleStepBase {
  @IsBoolean()
  verifiedWithRequester!: boolean;

  @IsOptional()
  @IsString()
  articleRef?: string;

  @IsOptional()
  @IsString()
  note?: string;

  /** The solution text, for the requester's "verify it works" mail. */
  @IsString()
  solution!: string;
}

export class ReviewRejectedV1 extends LifecycleStepBase {
  @IsString()
  observations!: string;
}

export class TicketClosedV1 extends LifecycleStepBase {
  /** Business minutes from registration to the approved solution. */
  @IsInt()
  @Min(0)
  resolutionBusinessMinutes!: number;

  @IsInt()
  @Min(0)
  resolutionCalendarMinutes!: number;

  /**
   * A field ticket closed without the user's conformity (docs/domain.md § Field service): the supervisor's reason. Staff see it
   * in the timeline; it is not for the requester.
   */
  @IsOptional()
  @IsString()
  signOffWaivedReason?: string;
}

export class TicketReopenedV1 extends LifecycleStepBase {
  @IsString()
  reason!: string;
}

export class WaitingOnRequesterV1 extends LifecycleStepBase {
  @IsBoolean()
  waiting!: boolean;

  @IsOptional()
  @IsString()
  reason?: string;
}

export const SLA_TARGETS = ['response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export class SlaBreachedV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  number!: number;

  @Matches(AREA_CODE_PATTERN)
  area!: string;

  @IsIn(SLA_TARGETS)
  target!: SlaTarget;

  @IsISO8601()
  dueAt!: string;

  @IsISO8601()
  detectedAt!: string;
}

/**
 * A ticket's service-level targets as resolution keeps them (what `resolution.ticket.service-level.v1`
 * answers), announced whenever any of them changes: the due dates once registration and priority are
 * known, moved by a new priority (reclassification), a wait on the requester or its end, or new SLA
 * policies; a target met (the first response; the resolution while the ticket is resolved or closed) or
 * no longer met (a rejected review, a reopening). Each event states the whole set, so the newest one
 * (resolution's per-ticket sequence) is the truth.
 */
export class ServiceLevelChangedV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  number!: number;

  /** The area holding the ticket (`L1` before routing has placed it). */
  @Matches(AREA_CODE_PATTERN)
  area!: string;

  /** The priority whose policy set the due dates; null before routing gave one. */
  @IsOptional()
  @IsIn(PRIORITIES)
  priority!: Priority | null;

  /** Null until priority and registration are known, and while the clocks stand still (see `dueAt`). */
  @IsOptional()
  @IsISO8601()
  responseDueAt!: string | null;

  @IsOptional()
  @IsISO8601()
  resolutionDueAt!: string | null;

  /** When the response target was met; null while it is not. */
  @IsOptional()
  @IsISO8601()
  respondedAt!: string | null;

  /** When the resolution target was met (the ticket was submitted for review); null unless resolved or closed. */
  @IsOptional()
  @IsISO8601()
  resolvedAt!: string | null;

  /** When resolution made the change. */
  @IsISO8601()
  at!: string;
}

export class SurveyAnsweredV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  number!: number;

  @IsIn(SATISFACTION_LEVELS)
  satisfaction!: SatisfactionLevel;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  score?: number;

  @IsOptional()
  @IsString()
  comment?: string;

  @IsISO8601()
  at!: string;
}

export class TicketCommentedV1 extends LifecycleStepBase {
  @IsUUID()
  commentId!: string;

  @IsString()
  text!: string;

  @IsIn(CHANNELS)
  channel!: Channel;

  /** The comment reopened the ticket (a requester answering a resolved ticket); `ticket.reopened` follows. */
  @IsBoolean()
  reopens!: boolean;

  /** An internal note (staff only, never shown or mailed to the requester). Absent in older events: public. */
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}

/** A ticket's classification as routing keeps it. */
export class TicketClassificationV1 {
  @IsIn(TICKET_TYPES)
  type!: TicketType;

  @IsString()
  @Documented({ example: 'correo' })
  category!: string;

  @IsIn(IMPACTS)
  impact!: Impact;

  @IsIn(URGENCIES)
  urgency!: Urgency;

  @IsIn(PRIORITIES)
  @Documented({ description: 'La que da la matriz de prioridad para el impacto y la urgencia' })
  priority!: Priority;
}

/**
 * The classification was corrected (routing's `Reclassify`): the priority is the matrix's for the new
 * impact and urgency; resolution moves the SLA due dates to the new priority's targets.
 */
export class TicketReclassifiedV1 extends TicketStepBase {
  /** The area holding the ticket when it was reclassified. */
  @Matches(AREA_CODE_PATTERN)
  area!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => TicketClassificationV1)
  previous!: TicketClassificationV1;

  @IsObject()
  @ValidateNested()
  @Type(() => TicketClassificationV1)
  current!: TicketClassificationV1;

  @IsString()
  reason!: string;
}

/**
 * The requester, or the referente of the ticket's jurisdiction, says the solution solved the problem
 * (docs/domain.md § Procedure 9.1, verification). It does not close the ticket: the supervisor still reviews it.
 */
export class SolutionAcceptedV1 extends LifecycleStepBase {
  @IsOptional()
  @IsString()
  comment?: string;
}

/** Another ticket named in an event: its id and its number. */
export class TicketRefV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  number!: number;
}

/**
 * The ticket was related to another (`ticket.linked`) or no longer is (`ticket.unlinked`). A relation is
 * symmetric: the event is published once on each ticket's stream, each naming the other as `related`.
 */
export class TicketLinkedV1 extends LifecycleStepBase {
  @IsObject()
  @ValidateNested()
  @Type(() => TicketRefV1)
  related!: TicketRefV1;
}

/** A requester named in an event, as intake registered them. */
export class PersonRefV1 {
  @IsEmail()
  email!: string;

  @IsString()
  name!: string;
}

/**
 * A duplicate was merged into its original. Published once on each ticket's stream: on the duplicate's
 * (`number` = `duplicate.number`, status `fusionado`) and on the original's (`number` = `original.number`,
 * its status unchanged). `duplicateRequester` is the duplicate's requester, now also told of the original's
 * progress (absent when unknown or the same person as the original's requester).
 */
export class TicketMergedV1 extends LifecycleStepBase {
  @IsObject()
  @ValidateNested()
  @Type(() => TicketRefV1)
  duplicate!: TicketRefV1;

  @IsObject()
  @ValidateNested()
  @Type(() => TicketRefV1)
  original!: TicketRefV1;

  @IsOptional()
  @IsString()
  reason?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonRefV1)
  duplicateRequester?: PersonRefV1;
}

/**
 * The procedures' event catalogue (see ticket-events.ts for the rule: never rename a type in place).
 * Derivations come from routing; everything else from resolution.
 */
export const ProcedureEvents = {
  TicketEscalated: defineEvent('ticket.escalated', 1, TicketDerivedV1, (d: TicketDerivedV1) => d.to),
  SolutionReturned: defineEvent('ticket.solution-returned', 1, TicketDerivedV1, (d: TicketDerivedV1) => d.to),
  TicketTaken: defineEvent('ticket.taken', 1, TicketTakenV1, (d: TicketTakenV1) => d.area),
  TicketEstimated: defineEvent('ticket.estimated', 1, TicketEstimatedV1, (d: TicketEstimatedV1) => d.area),
  WorkLogged: defineEvent('ticket.work-logged', 1, WorkLoggedV1, (d: WorkLoggedV1) => d.area),
  SolutionProposed: defineEvent('ticket.solution-proposed', 1, SolutionProposedV1, (d: SolutionProposedV1) => d.area),
  TicketResolved: defineEvent('ticket.resolved', 1, TicketResolvedV1, (d: TicketResolvedV1) => d.area),
  ReviewRejected: defineEvent('ticket.review-rejected', 1, ReviewRejectedV1, (d: ReviewRejectedV1) => d.area),
  TicketClosed: defineEvent('ticket.closed', 1, TicketClosedV1, (d: TicketClosedV1) => d.area),
  TicketReopened: defineEvent('ticket.reopened', 1, TicketReopenedV1, (d: TicketReopenedV1) => d.area),
  WaitingOnRequester: defineEvent(
    'ticket.waiting-on-requester',
    1,
    WaitingOnRequesterV1,
    (d: WaitingOnRequesterV1) => d.area,
  ),
  SlaBreached: defineEvent('ticket.sla-breached', 1, SlaBreachedV1, (d: SlaBreachedV1) => d.area),
  SurveyAnswered: defineEvent('survey.answered', 1, SurveyAnsweredV1),
  TicketCommented: defineEvent('ticket.commented', 1, TicketCommentedV1, (d: TicketCommentedV1) => d.area),
  SolutionAccepted: defineEvent('ticket.solution-accepted', 1, SolutionAcceptedV1, (d: SolutionAcceptedV1) => d.area),
  TicketReclassified: defineEvent('ticket.reclassified', 1, TicketReclassifiedV1, (d: TicketReclassifiedV1) => d.area),
  TicketLinked: defineEvent('ticket.linked', 1, TicketLinkedV1, (d: TicketLinkedV1) => d.area),
  TicketUnlinked: defineEvent('ticket.unlinked', 1, TicketLinkedV1, (d: TicketLinkedV1) => d.area),
  TicketMerged: defineEvent('ticket.merged', 1, TicketMergedV1, (d: TicketMergedV1) => d.area),
} as const;

/**
 * Resolution's events that are state, not steps of the ticket's path: kept out of `ProcedureEvents`, whose
 * every type the timeline shows (as `SelfServiceEvents` stays out of `ArticleEvents`).
 */
export const ServiceLevelEvents = {
  ServiceLevelChanged: defineEvent(
    'ticket.service-level-changed',
    1,
    ServiceLevelChangedV1,
    (d: ServiceLevelChangedV1) => d.area,
  ),
} as const;
