import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
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
import { ROLES, STAFF_ROLES, type ActorV1 } from '@cau/contracts';
import { contentDisposition } from '@cau/attachments';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { UPLOAD_BODY_SCHEMA } from '../attachments/attachment.dto.js';
import { ArticleFileParams, KbArticleFileResponse } from './article-files.dto.js';
import { ArticleFilesUseCase } from './article-files.use-case.js';
import { ArticleIdParams } from './knowledge.dto.js';

const ARTICLE_ID = new ContractPipe(ArticleIdParams);
const READ_RULE =
  'Quien puede leer el artículo puede leer sus archivos: el personal, todos; solicitantes y referentes, solo los ' +
  'de artículos publicados y públicos (otro → 404, como al leer el artículo).';

/** Images and files of knowledge base articles (the attachment store; the article's reading rule). */
@ApiTags('knowledge')
@Controller('api/v1/kb/articles/:id/files')
export class ArticleFilesController {
  constructor(private readonly files: ArticleFilesUseCase) {}

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({
    summary: 'Sube imágenes o archivos a un artículo (no archivado)',
    description:
      'Cuerpo `multipart/form-data` con una o más partes `files`. Límites y tipos como los de los tickets: ' +
      'ATTACHMENT_MAX_FILE_BYTES por archivo (413 ATTACHMENT_TOO_LARGE), ATTACHMENT_MAX_FILES por solicitud ' +
      '(413 TOO_MANY_ATTACHMENTS), tipo decidido por el contenido (415 ATTACHMENT_TYPE_NOT_ALLOWED), vacío o sin ' +
      'nombre usable 400. Todo o nada: si un archivo se rechaza no se guarda ninguno. Los archivos pertenecen al ' +
      'artículo y ninguna edición los borra: cada versión sigue apuntando a los suyos. El Markdown los nombra por ' +
      'su `url` (`![texto](url)` para mostrar una imagen).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiCreatedResponse({ type: [KbArticleFileResponse] })
  @ApiErrors(400, 403, 404, 409, 413, 415, 503)
  add(
    @CurrentActor() actor: ActorV1,
    @Param(ARTICLE_ID) { id }: ArticleIdParams,
    @Req() request: FastifyRequest,
  ): Promise<KbArticleFileResponse[]> {
    return this.files.add(actor, id, request);
  }

  @Get()
  @Roles(...ROLES)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({ summary: 'Los archivos de un artículo, los más viejos primero', description: READ_RULE })
  @ApiOkResponse({ type: [KbArticleFileResponse] })
  @ApiErrors(400, 404, 503)
  list(@CurrentActor() actor: ActorV1, @Param(ARTICLE_ID) { id }: ArticleIdParams): Promise<KbArticleFileResponse[]> {
    return this.files.list(actor, id);
  }

  @Get(':fileId')
  @Roles(...ROLES)
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiParam({ name: 'fileId', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({
    summary: 'Un archivo de un artículo',
    description:
      `${READ_RULE} Las imágenes (PNG, JPEG, GIF, WebP) se entregan para mostrarse (\`inline\`), lo demás como ` +
      'descarga; siempre con el tipo detectado al subirlo, `X-Content-Type-Options: nosniff`, una ' +
      '`Content-Security-Policy` que no deja ejecutar nada, y `ETag` (el SHA-256; `If-None-Match` da 304).',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'El archivo',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 404, 503)
  async download(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(ArticleFileParams)) params: ArticleFileParams,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { record, body, inline } = await this.files.open(actor, params.id, params.fileId);
    const etag = `"${record.sha256}"`;
    void reply
      .header('ETag', etag)
      // Per account: the same address may be refused to another reader.
      .header('Cache-Control', 'private, no-cache')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox");
    if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
      body.destroy();
      void reply.status(304).send();
      return;
    }
    void reply
      .status(200)
      .header('Content-Type', record.contentType)
      .header('Content-Length', String(record.sizeBytes))
      .header('Content-Disposition', contentDisposition(record.fileName, inline ? 'inline' : 'attachment'))
      .send(body);
  }
}
