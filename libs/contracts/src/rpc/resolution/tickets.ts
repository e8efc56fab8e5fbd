import { IsInt, IsString, Min } from 'class-validator';
import type { TicketStatus } from '../../enums.js';
import type { ByV1 } from '../../procedures/events.js';
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
export interface LifecycleStateV1 {
  number: number;
  status: TicketStatus;
  /** The area the command was addressed to: a command only runs where the ticket is. */
  area: string;
  assignee: { accountId: string; name: string } | null;
  overdue: boolean;
  waitingOnRequester: boolean;
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
export interface HistoryStepV1 {
  at: string;
  action: string;
  area: string | null;
  by: ByV1 | null;
  minutes: number | null;
  notes: string | null;
  /** Derivations only. */
  from: string | null;
  to: string | null;
}

/**
 * The report prepared when a ticket is closed (docs/domain.md § Closure report): what happened (the history, derivations
 * included), how it was resolved and with which elements, how long the solution took and how long the
 * requester was without service.
 */
export interface ClosureReportV1 {
  ticketId: string;
  number: number;
  title: string | null;
  jurisdiction: string | null;
  priority: string | null;
  registeredAt: string;
  resolvedAt: string;
  closedAt: string;
  closedBy: ByV1;
  history: HistoryStepV1[];
  resolution: {
    solution: string;
    elements: string | null;
    articleRef: string | null;
    registeredBy: ByV1;
    registeredAt: string;
  };
  /** From registration to the solution derived to the supervisor. */
  timeToSolution: { businessMinutes: number; calendarMinutes: number };
  /** As reported with the solution, or else the whole time from registration to the solution. */
  timeWithoutService: { minutes: number; basis: 'reported' | 'registration-to-solution' };
  /** Sum of the work logged by every area ("tiempo insumido"). */
  workedMinutes: number;
  overdue: boolean;
}
