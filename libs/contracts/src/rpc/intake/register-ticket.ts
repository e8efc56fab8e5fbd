import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase } from '../../common.js';
import {
  CHANNELS,
  IMPACTS,
  URGENCIES,
  TICKET_TYPES,
  type Channel,
  type Impact,
  type Urgency,
  type TicketType,
} from '../../enums.js';
import { Limits } from '../../limits.js';
import { NotBlank } from '../../not-blank.js';

export class ContactV1 {
  @IsDefined()
  @IsEmail()
  @MaxLength(Limits.email)
  email!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.name)
  name!: string;

  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{3,40}$/)
  phone?: string;
}

/** Attachments are stored elsewhere (document store, link, video); the ticket records the link. */
export class AttachmentLinkV1 {
  @IsDefined()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(Limits.url)
  url!: string;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.name)
  name?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[\w.+-]+\/[\w.+-]+$/)
  mediaType?: string;
}

/** The fields every ticket records at registration (docs/domain.md § Registration). */
export class TicketRegistrationV1 {
  @IsDefined()
  @IsIn(CHANNELS)
  channel!: Channel;

  /** The person the ticket is for: receives the e-mails and answers the survey. */
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactV1)
  requester!: ContactV1;

  /** Who reported it, when someone reports for another person (a colleague, a referente). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactV1)
  reportedBy?: ContactV1;

  @IsDefined()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)
  @MaxLength(Limits.jurisdictionCode)
  jurisdiction!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.title)
  title!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.description)
  description!: string;

  @IsDefined()
  @IsIn(TICKET_TYPES)
  type!: TicketType;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.category)
  category!: string;

  /** Code of the service offered (the catalogue's services) the request is about, when the office names one. */
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.category)
  service?: string;

  @IsDefined()
  @IsIn(IMPACTS)
  impact!: Impact;

  @IsDefined()
  @IsIn(URGENCIES)
  urgency!: Urgency;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Limits.attachments)
  @ValidateNested({ each: true })
  @Type(() => AttachmentLinkV1)
  attachments?: AttachmentLinkV1[];

  /**
   * Equipment the requester holds ("mi equipo") that the problem is about. Intake only carries it in
   * `ticket.registered`; the gateway has checked the requester holds each piece, and inventory links it.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Limits.reportedEquipment)
  @IsUUID(undefined, { each: true })
  equipmentIds?: string[];
}

export class RegisterTicketCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TicketRegistrationV1)
  payload!: TicketRegistrationV1;

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.idempotencyKey)
  idempotencyKey?: string;
}

export interface RegisterTicketResultV1 {
  ticketId: string;
  number: number;
  registeredAt: string;
  /** False when an earlier request with the same idempotency key already created the ticket. */
  created: boolean;
}
