import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  MaxLength,
  Min,
} from 'class-validator';
import { ActingAccountV1, CommentBodyV1, Limits, TicketRegistrationV1 } from '@cau/contracts';
import { FILES_FIELD } from './receive-uploads.js';

/** Staged files bound in one registration or comment. */
export const MAX_ATTACHMENT_IDS = Limits.attachments;

/**
 * Registration as the gateway accepts it: the contract plus `attachmentIds`, files staged with
 * `POST /api/v1/attachments` that the gateway binds to the new ticket once intake has registered it.
 * The field never reaches intake (attachments are the gateway's), so the NATS contract is unchanged.
 */
export class TicketRegistrationRequest extends TicketRegistrationV1 {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENT_IDS)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

/** A comment plus `attachmentIds` (staged files), bound to the ticket once resolution took the comment. */
export class CommentRequest extends CommentBodyV1 {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENT_IDS)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

/** A link attached to a ticket: http or https only (no javascript:, data:, file:). */
export class AttachmentLinkBody {
  @IsDefined()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(Limits.url)
  url!: string;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.name)
  title?: string;
}

export class TicketAttachmentParams {
  @IsInt()
  @Min(1)
  number!: number;

  @IsUUID()
  id!: string;
}

/** The multipart body of an upload, for the OpenAPI document. */
export const UPLOAD_BODY_SCHEMA = {
  type: 'object' as const,
  required: [FILES_FIELD],
  properties: {
    [FILES_FIELD]: {
      type: 'array' as const,
      items: { type: 'string' as const, format: 'binary' },
      description:
        'Uno o más archivos, cada uno en una parte `files` con su nombre de archivo. El tipo se decide por el contenido.',
    },
  },
};

export class StagedAttachmentResponse {
  @ApiProperty({ format: 'uuid', description: 'Para `attachmentIds` al registrar un ticket o comentar' })
  id!: string;

  @ApiProperty({ description: 'El nombre saneado con que se guardó', example: 'captura de pantalla.png' })
  fileName!: string;

  @ApiProperty({ description: 'Decidido por el contenido, no por lo que declaró el cliente', example: 'image/png' })
  contentType!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  sizeBytes!: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 del contenido, en hexadecimal' })
  sha256!: string;

  @ApiProperty({ format: 'date-time', description: 'Se borra si para entonces no se asoció a un ticket' })
  expiresAt!: string;
}

export class TicketAttachmentResponse {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'null para los enlaces dados al registrar el ticket (campo `attachments` del registro)',
  })
  id!: string | null;

  @ApiProperty({ enum: ['file', 'link'] })
  kind!: 'file' | 'link';

  @ApiProperty({ type: 'string', nullable: true, description: 'Archivos' })
  fileName!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Archivos' })
  contentType!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Archivos' })
  sizeBytes!: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Archivos: SHA-256 en hexadecimal (también el ETag)' })
  sha256!: string | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Archivos: la ruta de descarga, /api/v1/tickets/{number}/attachments/{id}',
  })
  downloadUrl!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Enlaces' })
  url!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Enlaces' })
  title!: string | null;

  @ApiProperty({ type: ActingAccountV1, description: 'Quién lo agregó' })
  addedBy!: ActingAccountV1;

  @ApiProperty({ format: 'date-time', description: 'Cuándo quedó en el ticket' })
  addedAt!: string;

  @ApiProperty({
    enum: ['upload', 'registration', 'mail', 'whatsapp'],
    description:
      '`upload`: subido o agregado con la API; `registration`: enlace dado al registrar el ticket; `mail`: vino ' +
      'adjunto a un correo del ticket (lo agregó su remitente; `addedBy.accountId` es la identidad del canal de ' +
      'correo para esa dirección, no una cuenta del portal); `whatsapp`: lo envió el solicitante en un mensaje de ' +
      'WhatsApp del ticket (igual, con la identidad del canal para su correo). Los archivos de correo o WhatsApp ' +
      'no guardados (tipo no admitido, demasiado grandes, vacíos, dañados) no se listan: el texto del ticket los nombra.',
  })
  source!: 'upload' | 'registration' | 'mail' | 'whatsapp';

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Adjuntos de correo: la dirección del remitente; de WhatsApp: el correo del solicitante del número',
  })
  senderEmail!: string | null;
}
