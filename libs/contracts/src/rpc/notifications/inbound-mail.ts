import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
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
import { ActorV1 } from '../../common.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';

export const INBOUND_STATUSES = ['received', 'processed', 'ignored', 'failed'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export const MAX_INBOUND_LISTED = 500;
export const DEFAULT_INBOUND_LISTED = 50;

/** Filters of the inbound list. Query-string values arrive as strings and are converted by the gateway. */
export class InboundListFiltersV1 {
  @IsOptional()
  @IsIn(INBOUND_STATUSES)
  status?: InboundStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INBOUND_LISTED)
  limit?: number;
}

export class ListInboundQueryV1 extends InboundListFiltersV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

/** A received mail as administrators see it: everything but the raw message and attachments. */
export class InboundMessageSummaryV1 {
  @IsUUID()
  id!: string;

  /** The Message-ID (`mid:<…>`) or a hash of the headers (`sha256:…`). */
  @IsString()
  @Documented({ description: 'Message-ID (`mid:<…>`) o hash de los encabezados (`sha256:…`)' })
  messageKey!: string;

  /** The mailbox URL without its password, or `smtp`. */
  @IsString()
  @Documented({ description: 'El buzón IMAP (sin contraseña) o `smtp`' })
  source!: string;

  @IsString()
  @Documented({ nullable: true })
  sender!: string | null;

  @IsString()
  @Documented({ nullable: true })
  subject!: string | null;

  @IsIn(INBOUND_STATUSES)
  status!: InboundStatus;

  /** Why it was ignored or failed, or the last error of a retried attempt. */
  @IsString()
  @Documented({ nullable: true, description: 'Por qué se ignoró o falló, o el último error de un reintento' })
  reason!: string | null;

  @IsIn(['ticket', 'comment'])
  @Documented({ nullable: true })
  outcome!: 'ticket' | 'comment' | null;

  @IsInt()
  @Min(1)
  @Documented({ nullable: true })
  ticketNumber!: number | null;

  @IsInt()
  @Min(0)
  attempts!: number;

  @IsInt()
  @Min(0)
  sizeBytes!: number;

  /** False when only the headers of an oversized mail were kept. */
  @IsBoolean()
  @Documented({ description: 'false si solo se guardaron los encabezados (correo demasiado grande)' })
  complete!: boolean;

  @IsString()
  @Documented({ format: 'date-time' })
  receivedAt!: string;

  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  processedAt!: string | null;
}

export class InboundListV1 {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => InboundMessageSummaryV1)
  messages!: InboundMessageSummaryV1[];
}

export class InboundIdV1 {
  @IsDefined()
  @IsUUID()
  id!: string;
}

export class RetryInboundCommandV1 extends InboundIdV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

export class InboundTicketAttachmentsQueryV1 {
  @IsDefined()
  @IsInt()
  @Min(1)
  number!: number;
}

/** Where an inbound attachment came from: a mail, or a WhatsApp media message. */
export type InboundAttachmentSource = 'mail' | 'whatsapp';

/**
 * One file that came with a message on the ticket (a new mail or WhatsApp message that opened it, or one
 * commented on it).
 */
export interface InboundAttachmentV1 {
  id: string;
  source: InboundAttachmentSource;
  /** The sanitised name it is offered under. */
  fileName: string;
  /** Decided from the bytes; null when it was not stored because of its size. */
  contentType: string | null;
  sizeBytes: number;
  /** Null when not stored. */
  sha256: string | null;
  /** The key in the attachment store; null when not stored (`reason` says why). */
  storageKey: string | null;
  reason: string | null;
  /** The mail's sender address and display name; for WhatsApp, the requester the number belongs to. */
  sender: string;
  senderName: string;
  /** The id the channel acts under for this sender (its comments carry it); not a portal account. */
  senderActorId: string;
  /** When the message was processed onto the ticket. */
  addedAt: string;
}

export interface InboundTicketAttachmentsV1 {
  attachments: InboundAttachmentV1[];
}
