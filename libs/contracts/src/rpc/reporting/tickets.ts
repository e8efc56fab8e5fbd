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
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { ActorEnvelopeBase } from '../../common.js';
import type { AttachmentLinkV1, ContactV1 } from '../intake/register-ticket.js';
import {
  AREA_CODE_PATTERN,
  CHANNELS,
  PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type Channel,
  type Impact,
  type Urgency,
  type Priority,
  type TicketStatus,
  type TicketType,
} from '../../enums.js';
import { Limits } from '../../limits.js';

export class TicketByNumberQueryV1 extends ActorEnvelopeBase {
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  number!: number;
}

/** The orders a ticket list can be read in; each pages by keyset (`cursor`). */
export const TICKET_SORTS = ['newest', 'oldest', 'due', 'updated', 'priority'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/** Longest "about to be overdue" window a list accepts (`dueWithinHours`): 30 days. */
export const MAX_DUE_WITHIN_HOURS = 720;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A day (`2025-03-01`, a whole day in the installation's time zone) or an instant with its offset. */
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Whether `value` is a day or an instant `DATE_OR_INSTANT` accepts that exists on the calendar. */
export function isDateOrInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_OR_INSTANT.test(value)) return false;
  const day = value.slice(0, 10);
  // `Date` rolls 2025-02-30 over to March: the day must come back unchanged.
  const parsed = new Date(`${day}T00:00:00Z`);
  return (
    !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day && !Number.isNaN(Date.parse(value))
  );
}

/** One status or several: a ticket matches when it is in any of them. */
function OneOrMoreOf(values: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIn',
      constraints: [values],
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value)
            ? value.length > 0 && value.length <= values.length && value.every((v) => values.includes(v as string))
            : values.includes(value as string),
      },
    },
    options,
  );
}

/** `me`, `none`, or an account id. */
function IsAssigneeFilter(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'assigneeFilter',
      validator: {
        validate: (value: unknown) =>
          value === 'me' || value === 'none' || (typeof value === 'string' && UUID.test(value)),
      },
    },
    options,
  );
}

/** Reported as `isDateString` ("must be an ISO 8601 date"). */
function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isDateString', validator: { validate: isDateOrInstant } }, options);
}

/**
 * What narrows a ticket list, shared by the paged list and the streamed export. Query-string values arrive
 * as strings and are converted by the gateway. Every filter narrows: a ticket is listed when it meets all.
 */
export class TicketFiltersV1 {
  /** One status, or several (any of them). */
  @IsOptional()
  @OneOrMoreOf(TICKET_STATUSES)
  status?: TicketStatus | TicketStatus[];

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

  /**
   * Words searched in title and description (Spanish full-text, accents optional). A ticket number alone
   * (`12` or `#12`) also finds that ticket, the duplicates merged into it and the original it was merged into.
   */
  @IsOptional()
  @IsString()
  @MaxLength(Limits.searchText)
  text?: string;

  /** Who holds the ticket in its area: `me` (the caller), `none` (nobody has taken it) or an account id. */
  @IsOptional()
  @IsAssigneeFilter()
  assignee?: string;

  /** Con atraso: a service-level target was missed (true), or none was (false). */
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  /**
   * About to be con atraso: the resolution target falls within this many hours from now and has not
   * passed, and the ticket is not resolved or closed.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DUE_WITHIN_HOURS)
  dueWithinHours?: number;

  @IsOptional()
  @IsBoolean()
  waitingOnRequester?: boolean;

  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.category)
  category?: string;

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  /** Registered on or after: a day (from its start, in the installation's time zone) or an instant. */
  @IsOptional()
  @IsDateOrInstant()
  registeredFrom?: string;

  /** Registered on or before: a day (to its end, in the installation's time zone) or an instant. */
  @IsOptional()
  @IsDateOrInstant()
  registeredTo?: string;

  /** Changed in any way at or after this day or instant. */
  @IsOptional()
  @IsDateOrInstant()
  updatedSince?: string;
}

/** Filters of the ticket list, its order and its page. */
export class TicketListFiltersV1 extends TicketFiltersV1 {
  /**
   * `newest` (default: number, descending), `oldest`, `due` (resolution target, soonest first, tickets
   * without one last), `updated` (last change, latest first), `priority` (ALTA first; within a priority
   * the longest waiting first).
   */
  @IsOptional()
  @IsIn(TICKET_SORTS)
  sort?: TicketSort;

  /** Where the previous page of the same order ended: its `nextCursor`, passed back unchanged. */
  @IsOptional()
  @IsString()
  @MaxLength(Limits.listCursor)
  cursor?: string;

  /** Keyset cursor of the default order (`newest`): return tickets with a number lower than this one. */
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

/** One step of the ticket's path, visible to everyone allowed to see the ticket (docs/domain.md § Escalation graph). */
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

/** Another ticket a view names (related, merged): its number, and its title and status when reporting has them. */
export interface TicketReferenceV1 {
  number: number;
  /** Null until the ticket's registration reached reporting, and for requesters (another person's ticket). */
  title: string | null;
  status: TicketStatus | null;
}

export interface TicketViewV1 {
  ticketId: string;
  number: number;
  title: string;
  description: string;
  channel: Channel;
  type: TicketType;
  category: string;
  /** The service offered the ticket is about (catalogue code); null where none was named. */
  service: string | null;
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
  /** Tickets staff related to this one (symmetric), by number; empty for requesters and referentes. */
  relatedTickets: TicketReferenceV1[];
  /** The original this duplicate was merged into (status `fusionado`); null otherwise. */
  mergedInto: TicketReferenceV1 | null;
  /** The duplicates merged into this ticket, by number; empty for requesters and referentes. */
  mergedTickets: TicketReferenceV1[];
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
  impact: Impact;
  urgency: Urgency;
  registeredAt: string;
  /** The last change of any kind (a step, a comment, a routing): what "last change" shows in lists. */
  updatedAt: string;
  /** Who holds the ticket in its current area (null until taken, and again after each derivation). */
  assigneeId: string | null;
  assigneeName: string | null;
  waitingOnRequester: boolean;
  /**
   * The service-level targets as resolution last announced them (`ticket.service-level-changed`): null
   * until known, and while the clocks stand still on a wait that began before the target was used up.
   */
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  /** When the response target was met (first taken or solved); null while it is not. */
  respondedAt: string | null;
  /** The number of the original a merged duplicate was merged into; null otherwise. */
  mergedInto: number | null;
}

export interface TicketPageV1 {
  items: TicketSummaryV1[];
  /** Pass as `cursor`, with the same filters and `sort`, to read the next page; null on the last page. */
  nextCursor: string | null;
  /** Only for the default order (`newest`): pass as `before` to read the next (older) page; null otherwise and on the last page. */
  nextBefore: number | null;
}
