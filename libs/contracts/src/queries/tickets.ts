import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase } from '../common.js';
import type { AttachmentLinkV1, ContactV1 } from '../commands/register-ticket.js';
import {
  AREA_CODE_PATTERN,
  PRIORITIES,
  TICKET_STATUSES,
  type Channel,
  type Impact,
  type Urgency,
  type Priority,
  type TicketStatus,
  type TicketType,
} from '../enums.js';
import { Limits } from '../limits.js';

export class TicketByNumberQueryV1 extends ActorEnvelopeBase {
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  number!: number;
}

/**
 * What narrows a ticket list, shared by the paged list and the streamed export. Query-string values arrive
 * as strings and are converted by the gateway.
 */
export class TicketFiltersV1 {
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  /** The requester's e-mail. */
  @IsOptional()
  @IsEmail()
  @MaxLength(Limits.email)
  requester?: string;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.jurisdictionCode)
  jurisdiction?: string;

  /** Words searched in title and description (Spanish full-text, accents optional). */
  @IsOptional()
  @IsString()
  @MaxLength(Limits.searchText)
  text?: string;
}

/** Filters of the ticket list, and its page. */
export class TicketListFiltersV1 extends TicketFiltersV1 {
  /** Keyset cursor: return tickets with a number lower than this one. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  before?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Limits.pageSize)
  limit?: number;
}

export class TicketListQueryV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TicketListFiltersV1)
  filters!: TicketListFiltersV1;
}

/** One step of the ticket's path, visible to everyone allowed to see the ticket (seed 003 §8). */
export interface TicketTimelineEntryV1 {
  at: string;
  /** The event type, e.g. `ticket.escalated`. */
  type: string;
  /** Who took the step; null for steps the system took (routing, SLA monitor) or the requester's survey. */
  by: { accountId: string; name: string; role: string } | null;
  /** The area the step leaves the ticket in, when the step concerns one. */
  area: string | null;
  /** One line for lists, in both languages the API speaks. */
  summary: { es: string; en: string };
  details: Record<string, unknown>;
}

export interface TicketViewV1 {
  ticketId: string;
  number: number;
  title: string;
  description: string;
  channel: Channel;
  type: TicketType;
  category: string;
  impact: Impact;
  urgency: Urgency;
  priority: Priority | null;
  area: string | null;
  status: TicketStatus;
  overdue: boolean;
  jurisdiction: string;
  requester: ContactV1;
  reportedBy: ContactV1 | null;
  registeredBy: { accountId: string; name: string; role: string };
  attachments: AttachmentLinkV1[];
  registeredAt: string;
  routedAt: string | null;
  updatedAt: string;
  /** Who has taken the ticket in its current area; null until taken, and again after each derivation. */
  assignee: { accountId: string; name: string } | null;
  waitingOnRequester: boolean;
  /** Oldest first. */
  timeline: TicketTimelineEntryV1[];
}

export interface TicketSummaryV1 {
  number: number;
  ticketId: string;
  title: string;
  status: TicketStatus;
  overdue: boolean;
  priority: Priority | null;
  area: string | null;
  jurisdiction: string;
  requesterEmail: string;
  requesterName: string;
  channel: Channel;
  type: TicketType;
  category: string;
  registeredAt: string;
  /** The last change of any kind (a step, a comment, a routing): what "last change" shows in lists. */
  updatedAt: string;
  assigneeName: string | null;
}

export interface TicketPageV1 {
  items: TicketSummaryV1[];
  /** Pass as `before` to read the next (older) page; null on the last page. */
  nextBefore: number | null;
}
