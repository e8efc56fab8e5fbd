import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AnnouncementEvents } from './announcements.js';
import { ActorV1 } from '../../common.js';
import { NOTIFIED_EVENT_TYPES } from './templates.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';

/** Mails of one ticket listed at most (a ticket with more is a storm; `truncated` says so). */
export const MAX_TICKET_MAILS_LISTED = 300;

export const MAX_DELIVERIES_LISTED = 500;
export const DEFAULT_DELIVERIES_LISTED = 50;

/**
 * `uncertain`: handed to the SMTP server by a sender that died before recording the answer; it is not
 * sent again by itself (it was most likely delivered), an administrator may send it again.
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'uncertain'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The keys of preferences: the ticket mails, and the announcement mails (issue 18), which anyone may turn
 * off for their address (the announcements still show in the portal).
 */
export const PREFERENCE_EVENT_TYPES: readonly string[] = [...NOTIFIED_EVENT_TYPES, AnnouncementEvents.Published.type];

/** What a person sends to turn one event type's mails off or on; the address is always their own. */
export class PreferenceBodyV1 {
  @IsDefined()
  @IsIn(PREFERENCE_EVENT_TYPES)
  eventType!: string;

  @IsDefined()
  @IsBoolean()
  enabled!: boolean;
}

export class SetPreferenceCommandV1 extends PreferenceBodyV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

export class PreferenceV1 {
  @IsEmail()
  @Documented({ description: 'La dirección de quien lo pidió' })
  email!: string;

  @IsString()
  @Documented({ example: 'ticket.closed' })
  eventType!: string;

  @IsBoolean()
  enabled!: boolean;
}

export class PreferenceListV1 {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PreferenceV1)
  items!: PreferenceV1[];
}

/** Filters of the delivery list. Query-string values arrive as strings and are converted by the gateway. */
export class DeliveryListFiltersV1 {
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DELIVERIES_LISTED)
  limit?: number;
}

export class ListDeliveriesQueryV1 extends DeliveryListFiltersV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

/** A delivery as administrators see it: everything but the bodies. */
export class DeliverySummaryV1 {
  @IsUUID()
  id!: string;

  @IsUUID()
  eventId!: string;

  /** What the mail is about, e.g. `ticket-registered`. */
  @IsString()
  @Documented({ example: 'ticket-registered' })
  kind!: string;

  @IsEmail()
  recipient!: string;

  @IsInt()
  @Min(1)
  @Documented({ nullable: true })
  ticketNumber!: number | null;

  @IsString()
  subject!: string;

  @IsIn(DELIVERY_STATUSES)
  status!: DeliveryStatus;

  @IsInt()
  @Min(0)
  attempts!: number;

  @IsString()
  @Documented({ nullable: true, description: 'El último error de SMTP, si lo hubo' })
  lastError!: string | null;

  @IsString()
  @Documented({ format: 'date-time' })
  createdAt!: string;

  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  sentAt!: string | null;
}

export class DeliveryListV1 {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DeliverySummaryV1)
  deliveries!: DeliverySummaryV1[];
}

/** One delivery, by its id (the path of the retry endpoint). */
export class DeliveryIdV1 {
  @IsDefined()
  @IsUUID()
  id!: string;
}

export class RetryDeliveryCommandV1 extends DeliveryIdV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

/** The mails of one ticket, for the staff's workspace. */
export class ListTicketMailsQueryV1 {
  @IsDefined()
  @IsInt()
  @Min(1)
  number!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

/**
 * One mail of a ticket: one we sent (to `address`, with its kind and delivery status) or one we received
 * (from `address`, turned into the ticket or a comment on it). `text` is the plain-text body as sent or
 * received; null when a received mail could not be read.
 */
export class TicketMailV1 {
  @IsUUID()
  id!: string;

  @IsIn(['sent', 'received'])
  direction!: 'sent' | 'received';

  @IsString()
  @Documented({
    nullable: true,
    example: 'ticket-registered',
    description:
      'Qué dice un correo enviado (`ticket-registered`, `ticket-closed`, `staff-replied`…); null si se recibió',
  })
  kind!: string | null;

  @IsString()
  @Documented({ description: 'A quién se envió, o quién lo envió' })
  address!: string;

  @IsString()
  subject!: string;

  @IsIn([...DELIVERY_STATUSES, 'received'])
  status!: DeliveryStatus | 'received';

  @IsString()
  @Documented({ format: 'date-time', description: 'Cuándo salió (o se creó, si aún no salió) o llegó' })
  at!: string;

  @IsString()
  @Documented({ nullable: true, description: 'El texto del correo; null si no pudo leerse' })
  text!: string | null;
}

export class TicketMailListV1 {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TicketMailV1)
  mails!: TicketMailV1[];

  @IsBoolean()
  truncated!: boolean;
}
