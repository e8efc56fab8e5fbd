import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { TicketNumberParams } from '../tickets/ticket.dto.js';
import {
  AttachmentLinkBody,
  StagedAttachmentResponse,
  TicketAttachmentParams,
  TicketAttachmentResponse,
  UPLOAD_BODY_SCHEMA,
} from './attachment.dto.js';
import { AttachmentsUseCase } from './attachments.use-case.js';
import { contentDisposition } from '@cau/attachments';

const TICKET_NUMBER = new ContractPipe(TicketNumberParams, ['number']);
const UPLOAD_DESCRIPTION =
  'Cuerpo `multipart/form-data` con una o más partes `files`. Límites: ATTACHMENT_MAX_FILE_BYTES por archivo ' +
  '(10 MiB por omisión, 413 ATTACHMENT_TOO_LARGE), ATTACHMENT_MAX_TICKET_BYTES por ticket (50 MiB, 413 ' +
  'TICKET_ATTACHMENTS_FULL), ATTACHMENT_MAX_FILES por solicitud (10, 413 TOO_MANY_ATTACHMENTS). Tipos admitidos, ' +
  'decididos por el contenido: PDF, PNG, JPEG, GIF, WebP, docx, xlsx, pptx, odt, ods, texto UTF-8 y CSV (si no, 415 ' +
  'ATTACHMENT_TYPE_NOT_ALLOWED). Un archivo vacío (ATTACHMENT_EMPTY) o sin nombre usable (ATTACHMENT_NAME_INVALID) da ' +
  '400. Todo o nada: si un archivo se rechaza, no se guarda ninguno de la solicitud.';

@ApiTags('attachments')
@Controller('api/v1')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsUseCase) {}

  @Post('attachments')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Sube archivos para adjuntarlos después (registro de un ticket o comentario)',
    description:
      `${UPLOAD_DESCRIPTION}\n\nLos archivos quedan «en espera», de la cuenta que los subió, durante 24 horas: se asocian ` +
      'pasando sus `id` en `attachmentIds` de `POST /api/v1/tickets` o `POST /api/v1/tickets/{number}/comments`; ' +
      'los que nadie asocia se borran.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiCreatedResponse({ type: [StagedAttachmentResponse] })
  @ApiErrors(400, 413, 415, 503)
  stage(@CurrentActor() actor: ActorV1, @Req() request: FastifyRequest): Promise<StagedAttachmentResponse[]> {
    return this.attachments.stage(actor, request);
  }

  @Post('tickets/:number/attachments')
  @Roles(...ROLES)
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOperation({
    summary: 'Adjunta archivos a un ticket que la cuenta puede ver',
    description: UPLOAD_DESCRIPTION,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiCreatedResponse({ type: [TicketAttachmentResponse] })
  @ApiErrors(400, 403, 404, 413, 415, 503)
  addFiles(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Req() request: FastifyRequest,
  ): Promise<TicketAttachmentResponse[]> {
    return this.attachments.addFiles(actor, number, request);
  }

  @Post('tickets/:number/links')
  @Roles(...ROLES)
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOperation({
    summary: 'Adjunta un enlace (http o https) a un ticket que la cuenta puede ver',
    description: 'Al registrar, los enlaces van en el campo `attachments` del registro.',
  })
  @ApiBody({ schema: contractSchemaRef(AttachmentLinkBody) })
  @ApiCreatedResponse({ type: TicketAttachmentResponse })
  @ApiErrors(400, 403, 404, 413, 415, 503)
  addLink(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
    @Body(new ContractPipe(AttachmentLinkBody)) body: AttachmentLinkBody,
  ): Promise<TicketAttachmentResponse> {
    return this.attachments.addLink(actor, number, body);
  }

  @Get('tickets/:number/attachments')
  @Roles(...ROLES)
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOperation({
    summary: 'Los archivos y enlaces de un ticket, con quién los agregó y cuándo',
    description:
      'Solo si la cuenta puede ver el ticket (la misma respuesta 403/404 que `GET /api/v1/tickets/{number}`).',
  })
  @ApiOkResponse({ type: [TicketAttachmentResponse] })
  @ApiErrors(400, 403, 404, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
  ): Promise<TicketAttachmentResponse[]> {
    return this.attachments.list(actor, number);
  }

  @Get('tickets/:number/attachments/:id')
  @Roles(...ROLES)
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({
    summary: 'Descarga un archivo del ticket',
    description:
      'Siempre como descarga (`Content-Disposition: attachment`, nombre en `filename*` RFC 5987), con el tipo ' +
      'detectado al subirlo, `X-Content-Type-Options: nosniff`, `Content-Length` y `ETag` (el SHA-256); ' +
      '`If-None-Match` con ese ETag da 304.',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'El archivo',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Content-Disposition': { schema: { type: 'string' } },
      ETag: { schema: { type: 'string' } },
      'Content-Length': { schema: { type: 'integer' } },
    },
  })
  @ApiErrors(400, 403, 404, 503)
  async download(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TicketAttachmentParams, ['number'])) params: TicketAttachmentParams,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { record, body } = await this.attachments.open(actor, params.number, params.id);
    const etag = `"${record.sha256}"`;
    void reply
      .header('ETag', etag)
      .header('Cache-Control', 'private, no-cache')
      .header('X-Content-Type-Options', 'nosniff');
    if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
      body.destroy();
      void reply.status(304).send();
      return;
    }
    void reply
      .status(200)
      .header('Content-Type', record.contentType ?? 'application/octet-stream')
      .header('Content-Length', String(record.sizeBytes))
      .header('Content-Disposition', contentDisposition(record.fileName ?? 'archivo'))
      .send(body);
  }
}
