import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AnnouncementEvents } from './announcements.js';
import { ActorV1 } from '../../common.js';
import { NOTIFIED_EVENT_TYPES } from './templates.js';
import { NotBlank } from '../../not-blank.js';

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

export interface PreferenceV1 {
  email: string;
  eventType: string;
  enabled: boolean;
}

export interface PreferenceListV1 {
  items: PreferenceV1[];
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
export interface DeliverySummaryV1 {
  id: string;
  eventId: string;
  /** What the mail is about, e.g. `ticket-registered`. */
  kind: string;
  recipient: string;
  ticketNumber: number | null;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DeliveryListV1 {
  deliveries: DeliverySummaryV1[];
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
export interface TicketMailV1 {
  id: string;
  direction: 'sent' | 'received';
  kind: string | null;
  address: string;
  subject: string;
  status: DeliveryStatus | 'received';
  at: string;
  text: string | null;
}

export interface TicketMailListV1 {
  mails: TicketMailV1[];
  truncated: boolean;
}
