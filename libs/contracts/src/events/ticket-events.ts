import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { AttachmentLinkV1, ContactV1 } from '../rpc/intake/register-ticket.js';
import {
  AREA_CODE_PATTERN,
  CHANNELS,
  IMPACTS,
  URGENCIES,
  PRIORITIES,
  TICKET_TYPES,
  type Channel,
  type Impact,
  type Urgency,
  type Priority,
  type TicketType,
} from '../enums.js';
import { defineEvent } from './envelope.js';

export class RegisteredByV1 {
  @IsUUID()
  accountId!: string;

  @IsString()
  name!: string;

  @IsString()
  role!: string;
}

export class TicketRegisteredV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  number!: number;

  @IsISO8601()
  registeredAt!: string;

  @IsIn(CHANNELS)
  channel!: Channel;

  @IsUUID()
  requesterId!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ContactV1)
  requester!: ContactV1;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactV1)
  reportedBy?: ContactV1;

  @IsObject()
  @ValidateNested()
  @Type(() => RegisteredByV1)
  registeredBy!: RegisteredByV1;

  @IsString()
  jurisdiction!: string;

  @IsString()
  title!: string;

  @IsString()
  description!: string;

  @IsIn(TICKET_TYPES)
  type!: TicketType;

  @IsString()
  category!: string;

  /** Absent on tickets registered without a service (and on every ticket registered before services). */
  @IsOptional()
  @IsString()
  service?: string;

  @IsIn(IMPACTS)
  impact!: Impact;

  @IsIn(URGENCIES)
  urgency!: Urgency;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttachmentLinkV1)
  attachments!: AttachmentLinkV1[];

  /** The requester's own equipment named at registration; absent when none was (and on older events). */
  @IsOptional()
  @IsArray()
  @IsUUID(undefined, { each: true })
  equipmentIds?: string[];

  /**
   * Set only on tickets opened by a monitoring alert (issue 18): the area its integration's rules chose and
   * the priority its severity maps to. Routing starts the ticket there instead of the entry area, with that
   * priority instead of the matrix's, when the area exists. Absent on every other ticket.
   */
  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;
}

export class TicketRoutedV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  number!: number;

  @IsIn(PRIORITIES)
  priority!: Priority;

  @Matches(AREA_CODE_PATTERN)
  area!: string;

  @IsISO8601()
  routedAt!: string;
}

/**
 * Event catalogue. NEVER rename a type in place: consumers' durable state and the stream hold it.
 * A changed shape gets a new version (…V2) published beside the old one until consumers move.
 */
export const Events = {
  TicketRegistered: defineEvent('ticket.registered', 1, TicketRegisteredV1),
  TicketRouted: defineEvent('ticket.routed', 1, TicketRoutedV1, (data: TicketRoutedV1) => data.area),
} as const;
