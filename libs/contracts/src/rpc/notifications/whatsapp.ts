import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorV1 } from '../../common.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';

/*
 * The WhatsApp channel (WhatsApp Business Cloud API). The gateway checks the webhook's signature and
 * forwards what it carries; notifications keeps each message once (by its WhatsApp id) and does the rest.
 */

/** Webhook calls carry few messages; a bound keeps one call from holding a NATS message too large. */
export const WHATSAPP_MAX_ITEMS_PER_CALL = 100;
export const WHATSAPP_MAX_TEXT = 4_096;

/** Message types whose file is fetched from the Cloud API and attached to the ticket. */
export const WHATSAPP_MEDIA_TYPES = ['image', 'document', 'audio', 'video', 'sticker'] as const;
export type WhatsappMediaType = (typeof WHATSAPP_MEDIA_TYPES)[number];

/** The file of a media message as the webhook describes it (`image`, `document`… object): fetched later by id. */
export class WhatsappMediaV1 {
  /** The media id, for `GET {graph}/{media-id}`. */
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  id!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  mimeType?: string;

  /** As the webhook gives it (base64 or hex); the bytes are checked against the media URL's own answer. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sha256?: string;

  /** The name a document was sent under; other media have none. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  fileName?: string;
}

/** One inbound message as the webhook carries it (`entry[].changes[].value.messages[]`), trimmed to what we use. */
export class WhatsappInboundMessageV1 {
  /** WhatsApp's message id (`wamid.…`): the idempotency key of the channel. */
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  id!: string;

  /** The sender's number, E.164 digits without the plus sign. */
  @IsDefined()
  @IsString()
  @Matches(/^[0-9]{6,20}$/)
  from!: string;

  /** The profile name WhatsApp shows for the sender, if any. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  profileName?: string;

  /** Unix seconds, as sent. */
  @IsDefined()
  @IsString()
  @Matches(/^[0-9]{1,12}$/)
  timestamp!: string;

  /**
   * `text`, `image`, `audio`, … Text and media (WHATSAPP_MEDIA_TYPES) are taken; other types get a note in
   * the ticket.
   */
  @IsDefined()
  @IsString()
  @MaxLength(40)
  type!: string;

  /** The text of a `text` message, or the caption of a media message. */
  @IsOptional()
  @IsString()
  @MaxLength(WHATSAPP_MAX_TEXT)
  text?: string;

  /** The file of a media message. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WhatsappMediaV1)
  media?: WhatsappMediaV1;
}

export const WHATSAPP_DELIVERY_STATES = ['sent', 'delivered', 'read', 'failed'] as const;

/** A delivery status of a message we sent (`value.statuses[]`). */
export class WhatsappStatusV1 {
  /** The `wamid` our send got back. */
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  id!: string;

  @IsDefined()
  @IsIn(WHATSAPP_DELIVERY_STATES)
  status!: (typeof WHATSAPP_DELIVERY_STATES)[number];

  /** The first error's title and code, when `failed`. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  error?: string;
}

export class ReceiveWhatsappCommandV1 {
  @IsArray()
  @ArrayMaxSize(WHATSAPP_MAX_ITEMS_PER_CALL)
  @ValidateNested({ each: true })
  @Type(() => WhatsappInboundMessageV1)
  messages!: WhatsappInboundMessageV1[];

  @IsArray()
  @ArrayMaxSize(WHATSAPP_MAX_ITEMS_PER_CALL)
  @ValidateNested({ each: true })
  @Type(() => WhatsappStatusV1)
  statuses!: WhatsappStatusV1[];
}

export class ReceiveWhatsappResultV1 {
  /** Messages kept by this call (a redelivered webhook keeps none). */
  @IsInt()
  @Min(0)
  @Documented({ description: 'Mensajes nuevos guardados' })
  stored!: number;

  @IsInt()
  @Min(0)
  @Documented({ description: 'Mensajes que ya se habían recibido' })
  duplicates!: number;

  @IsInt()
  @Min(0)
  @Documented({ description: 'Estados de entrega de mensajes enviados por el CAU' })
  statuses!: number;
}

export const WHATSAPP_DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'uncertain'] as const;
export type WhatsappDeliveryStatus = (typeof WHATSAPP_DELIVERY_STATUSES)[number];

/** `GET /api/v1/whatsapp/deliveries` query string. */
export class WhatsappDeliveryListFiltersV1 {
  @IsOptional()
  @IsIn(WHATSAPP_DELIVERY_STATUSES)
  status?: WhatsappDeliveryStatus;
}

export class ListWhatsappDeliveriesQueryV1 extends WhatsappDeliveryListFiltersV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

export class RetryWhatsappDeliveryCommandV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;

  @IsDefined()
  @IsUUID()
  id!: string;
}

/** A WhatsApp template message as administrators see it. */
export class WhatsappDeliverySummaryV1 {
  @IsUUID()
  id!: string;

  /** E.164 digits. */
  @IsString()
  @Documented({ description: 'El número de WhatsApp, en dígitos E.164', example: '59171234567' })
  recipient!: string;

  @IsString()
  @Documented({ example: 'ticket-resolved' })
  kind!: string;

  @IsString()
  @Documented({ description: 'La plantilla de WhatsApp enviada', example: 'cau_ticket_update' })
  template!: string;

  @IsInt()
  @Min(1)
  @Documented({ nullable: true })
  ticketNumber!: number | null;

  @IsIn(WHATSAPP_DELIVERY_STATUSES)
  status!: WhatsappDeliveryStatus;

  /** What WhatsApp last reported for it (`sent`, `delivered`, `read`, `failed`), from the webhook. */
  @IsString()
  @Documented({
    nullable: true,
    description: 'Lo último que WhatsApp informó del mensaje (sent, delivered, read, failed)',
  })
  deliveryState!: string | null;

  @IsInt()
  @Min(0)
  attempts!: number;

  @IsString()
  @Documented({ nullable: true, description: 'El último error de la API de WhatsApp, si lo hubo' })
  lastError!: string | null;

  @IsString()
  @Documented({ format: 'date-time' })
  createdAt!: string;

  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  sentAt!: string | null;
}

export class WhatsappDeliveryListV1 {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => WhatsappDeliverySummaryV1)
  deliveries!: WhatsappDeliverySummaryV1[];
}
