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
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { ActorEnvelopeBase } from '../../common.js';
import { AttachmentLinkV1, ContactV1 } from '../intake/register-ticket.js';
import { Documented } from '../../reply-schema.js';
import { ActingAccountV1, LocalizedTextV1, TicketAssigneeV1 } from '../../reply-parts.js';
import {
  AREA_CODE_PATTERN,
  CHANNELS,
  PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  IMPACTS,
  URGENCIES,
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
export class TicketTimelineEntryV1 {
  @IsString()
  @Documented({ format: 'date-time' })
  at!: string;

  /** The event type, e.g. `ticket.escalated`. */
  @IsString()
  @Documented({ description: 'Tipo de evento', example: 'ticket.escalated' })
  type!: string;

  /** Who took the step; null for steps the system took (routing, SLA monitor) or the requester's survey. */
  @ValidateNested()
  @Type(() => ActingAccountV1)
  @Documented({
    nullable: true,
    description: 'null en los pasos del sistema (enrutamiento, control de SLA) y en la encuesta',
  })
  by!: ActingAccountV1 | null;

  /** The area the step leaves the ticket in, when the step concerns one. */
  @IsString()
  @Documented({ nullable: true, description: 'El área en que el paso deja el ticket' })
  area!: string | null;

  /** One line for lists, in both languages the API speaks. */
  @ValidateNested()
  @Type(() => LocalizedTextV1)
  @Documented({ description: 'Una línea para listas, en español e inglés' })
  summary!: LocalizedTextV1;

  @IsObject()
  @Documented({ additionalProperties: true })
  details!: Record<string, unknown>;
}

/** Another ticket a view names (related, merged): its number, and its title and status when reporting has them. */
export class TicketReferenceV1 {
  @IsInt()
  @Min(1)
  number!: number;

  /** Null until the ticket's registration reached reporting, and for requesters (another person's ticket). */
  @IsString()
  @Documented({
    nullable: true,
    description: 'null si aún no se conoce o si quien consulta es el solicitante (puede ser de otra persona)',
  })
  title!: string | null;

  @IsIn(TICKET_STATUSES)
  @Documented({ nullable: true })
  status!: TicketStatus | null;
}

export class TicketViewV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  number!: number;

  @IsString()
  title!: string;

  @IsString()
  description!: string;

  @IsIn(CHANNELS)
  channel!: Channel;

  @IsIn(TICKET_TYPES)
  type!: TicketType;

  @IsString()
  category!: string;

  /** The service offered the ticket is about (catalogue code); null where none was named. */
  @IsString()
  @Documented({
    nullable: true,
    description: 'Servicio ofrecido al que se refiere (`GET /api/v1/catalogue/services`); null si no se indicó',
  })
  service!: string | null;

  @IsIn(IMPACTS)
  impact!: Impact;

  @IsIn(URGENCIES)
  urgency!: Urgency;

  @IsIn(PRIORITIES)
  @Documented({ nullable: true, description: 'null hasta que el ticket se enruta' })
  priority!: Priority | null;

  @IsString()
  @Documented({ nullable: true })
  area!: string | null;

  @IsIn(TICKET_STATUSES)
  status!: TicketStatus;

  @IsBoolean()
  @Documented({ description: 'Con atraso respecto de su SLA' })
  overdue!: boolean;

  @IsString()
  jurisdiction!: string;

  @ValidateNested()
  @Type(() => ContactV1)
  requester!: ContactV1;

  @ValidateNested()
  @Type(() => ContactV1)
  @Documented({ nullable: true })
  reportedBy!: ContactV1 | null;

  @ValidateNested()
  @Type(() => ActingAccountV1)
  registeredBy!: ActingAccountV1;

  @ValidateNested({ each: true })
  @Type(() => AttachmentLinkV1)
  attachments!: AttachmentLinkV1[];

  @IsString()
  @Documented({ format: 'date-time' })
  registeredAt!: string;

  @IsString()
  @Documented({ format: 'date-time', nullable: true })
  routedAt!: string | null;

  @IsString()
  @Documented({ format: 'date-time' })
  updatedAt!: string;

  /** Who has taken the ticket in its current area; null until taken, and again after each derivation. */
  @ValidateNested()
  @Type(() => TicketAssigneeV1)
  @Documented({
    nullable: true,
    description: 'Quién tomó el ticket en su área actual; null hasta que alguien lo toma, y tras cada derivación',
  })
  assignee!: TicketAssigneeV1 | null;

  @IsBoolean()
  @Documented({ description: 'En espera de una respuesta del solicitante' })
  waitingOnRequester!: boolean;

  /** Tickets staff related to this one (symmetric), by number; empty for requesters and referentes. */
  @ValidateNested({ each: true })
  @Type(() => TicketReferenceV1)
  @Documented({
    description: 'Tickets relacionados con este (relación simétrica); vacío para solicitantes y referentes',
  })
  relatedTickets!: TicketReferenceV1[];

  /** The original this duplicate was merged into (status `fusionado`); null otherwise. */
  @ValidateNested()
  @Type(() => TicketReferenceV1)
  @Documented({
    nullable: true,
    description: 'El original en que se fusionó este duplicado (estado fusionado); null si no lo es',
  })
  mergedInto!: TicketReferenceV1 | null;

  /** The duplicates merged into this ticket, by number; empty for requesters and referentes. */
  @ValidateNested({ each: true })
  @Type(() => TicketReferenceV1)
  @Documented({ description: 'Los duplicados fusionados en este ticket; vacío para solicitantes y referentes' })
  mergedTickets!: TicketReferenceV1[];

  /** Oldest first. */
  @ValidateNested({ each: true })
  @Type(() => TicketTimelineEntryV1)
  @Documented({ description: 'El recorrido del ticket, del paso más antiguo al último' })
  timeline!: TicketTimelineEntryV1[];
}

export class TicketSummaryV1 {
  @IsInt()
  @Min(1)
  number!: number;

  @IsUUID()
  ticketId!: string;

  @IsString()
  title!: string;

  @IsIn(TICKET_STATUSES)
  status!: TicketStatus;

  @IsBoolean()
  overdue!: boolean;

  @IsIn(PRIORITIES)
  @Documented({ nullable: true })
  priority!: Priority | null;

  @IsString()
  @Documented({ nullable: true })
  area!: string | null;

  @IsString()
  jurisdiction!: string;

  @IsEmail()
  requesterEmail!: string;

  @IsString()
  requesterName!: string;

  @IsIn(CHANNELS)
  channel!: Channel;

  @IsIn(TICKET_TYPES)
  type!: TicketType;

  @IsString()
  category!: string;

  @IsIn(IMPACTS)
  impact!: Impact;

  @IsIn(URGENCIES)
  urgency!: Urgency;

  @IsString()
  @Documented({ format: 'date-time' })
  registeredAt!: string;

  /** The last change of any kind (a step, a comment, a routing): what "last change" shows in lists. */
  @IsString()
  @Documented({
    format: 'date-time',
    description: 'Último cambio de cualquier tipo (paso, comentario, enrutamiento)',
  })
  updatedAt!: string;

  /** Who holds the ticket in its current area (null until taken, and again after each derivation). */
  @IsUUID()
  @Documented({
    nullable: true,
    description:
      'La cuenta que tomó el ticket en su área actual; null hasta que alguien lo toma, y tras cada derivación',
  })
  assigneeId!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Quién tomó el ticket en su área actual' })
  assigneeName!: string | null;

  @IsBoolean()
  @Documented({ description: 'En espera de una respuesta del solicitante (los plazos no corren)' })
  waitingOnRequester!: boolean;

  /**
   * The service-level targets as resolution last announced them (`ticket.service-level-changed`): null
   * until known, and while the clocks stand still on a wait that began before the target was used up.
   */
  @IsString()
  @Documented({
    format: 'date-time',
    nullable: true,
    description:
      'Cuándo vence la respuesta (horario hábil de la política de SLA de su prioridad); null hasta que se conoce',
  })
  responseDueAt!: string | null;

  @IsString()
  @Documented({
    format: 'date-time',
    nullable: true,
    description:
      'Cuándo vence la resolución; null hasta que se conoce, y mientras se espera al solicitante si la espera empezó antes del vencimiento',
  })
  resolutionDueAt!: string | null;

  /** When the response target was met (first taken or solved); null while it is not. */
  @IsString()
  @Documented({
    format: 'date-time',
    nullable: true,
    description: 'Cuándo se cumplió el objetivo de respuesta (primera toma o solución); null mientras no se cumpla',
  })
  respondedAt!: string | null;

  /** The number of the original a merged duplicate was merged into; null otherwise. */
  @IsInt()
  @Documented({
    nullable: true,
    description: 'El número del original en que se fusionó este duplicado; null si no lo es',
  })
  mergedInto!: number | null;
}

export class TicketPageV1 {
  @ValidateNested({ each: true })
  @Type(() => TicketSummaryV1)
  items!: TicketSummaryV1[];

  /** Pass as `cursor`, with the same filters and `sort`, to read the next page; null on the last page. */
  @IsString()
  @Documented({
    nullable: true,
    description:
      'Pasarlo como `cursor`, con los mismos filtros y el mismo `sort`, para leer la página siguiente; null en la última',
  })
  nextCursor!: string | null;

  /** Only for the default order (`newest`): pass as `before` to read the next (older) page; null otherwise and on the last page. */
  @IsInt()
  @Documented({
    nullable: true,
    description:
      'Solo con el orden `newest` (el predeterminado): pasarlo como `before` para leer la página siguiente; null con otros órdenes y en la última',
  })
  nextBefore!: number | null;
}
