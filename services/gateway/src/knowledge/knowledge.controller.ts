import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ArticleChangesV1,
  ArticleV1,
  ArticleVersionV1,
  CreateArticleBodyV1,
  DuplicateCandidateV1,
  DuplicateCheckV1,
  KbArticleListParamsV1,
  KbArticlePageV1,
  KbSearchPageV1,
  KbSearchParamsV1,
  KbSuggestionV1,
  KbSuggestParamsV1,
  KnowledgeRpc,
  ROLES,
  ReindexResultV1,
  Role,
  SELF_SOLVED_WINDOW_SECONDS,
  STAFF_ROLES,
  SelfSolvedBodyV1,
  SelfSolvedResultV1,
  TicketKbSuggestionsV1,
  VoteBodyV1,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { KnowledgeClient } from '../http/service-clients.js';
import { preferredLanguage } from '../http/language.js';
import { ContractPipe } from '../http/request-input.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { TicketNumberParams } from '../tickets/ticket.dto.js';
import { ArticleIdParams, KbDuplicatesConflictResponse, OptionalBodyPipe } from './knowledge.dto.js';

const STAFF = [...STAFF_ROLES];
const ARTICLE_ID = new ContractPipe(ArticleIdParams);
const TICKET_NUMBER = new ContractPipe(TicketNumberParams, ['number']);
const SELF_SOLVED_BODY = new OptionalBodyPipe(SelfSolvedBodyV1);

const DUPLICATES_MESSAGE = {
  es: 'Ya existen artículos parecidos: revise los candidatos o repita la solicitud con "force": true.',
  en: 'Similar articles already exist: check the candidates or repeat the request with "force": true.',
} as const;

/** The knowledge base (docs/domain.md § Knowledge base; procedure 9.1 steps 3 and 6): articles, search and suggestions. */
@ApiTags('knowledge')
@Controller('api/v1')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeClient) {}

  @Post('kb/articles')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Crea un artículo en borrador',
    description:
      'Antes de crear busca artículos casi iguales; si los hay responde 409 con `candidates` y no crea nada, ' +
      'salvo que el cuerpo lleve `"force": true` (9.1 paso 6: no registrar un caso que ya existe).',
  })
  @ApiBody({ schema: contractSchemaRef(CreateArticleBodyV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(ArticleV1), description: 'El artículo creado, en borrador' })
  @ApiConflictResponse({
    type: KbDuplicatesConflictResponse,
    description: 'Hay artículos parecidos (`candidates`); no se creó nada',
  })
  @ApiErrors(400, 413, 415, 503)
  async create(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(CreateArticleBodyV1)) article: CreateArticleBodyV1,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // 201 or 409 with the candidates: the refusal carries data the shared error shape has no room for.
    const result = await this.knowledge.request(KnowledgeRpc.CreateArticle, { actor, article }, 'article');
    if (result.created) {
      void reply.status(201).header('Location', `/api/v1/kb/articles/${result.article.id}`).send(result.article);
      return;
    }
    void reply.status(409).send({
      statusCode: 409,
      code: 'CONFLICT',
      message: DUPLICATES_MESSAGE[preferredLanguage(request.headers['accept-language'])],
      candidates: result.candidates,
      correlationId: request.correlationId,
    });
  }

  @Post('kb/duplicates')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Artículos casi iguales a uno que se está escribiendo (antes de guardarlo)',
    description:
      'El mismo control que hace la creación (9.1 paso 6), sin crear nada: el editor los muestra mientras se ' +
      'escribe. Compara título y problema; `exceptId` es el artículo que se está editando.',
  })
  @ApiBody({ schema: contractSchemaRef(DuplicateCheckV1) })
  @ApiOkResponse({
    schema: { type: 'array', items: contractSchemaRef(DuplicateCandidateV1) },
    description: 'Los candidatos, el más parecido primero',
  })
  @ApiErrors(400, 403, 413, 415, 503)
  duplicates(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(DuplicateCheckV1)) article: DuplicateCheckV1,
  ): Promise<DuplicateCandidateV1[]> {
    return this.knowledge.request(KnowledgeRpc.FindDuplicates, { actor, article }, 'article');
  }

  @Get('kb/articles')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Lista artículos, las ediciones más recientes primero',
    description:
      'Filtros por estado, visibilidad, categoría, área y etiqueta; páginas con `cursor` (el `nextCursor` de la ' +
      'página anterior). Los solicitantes y referentes ven solo artículos publicados y públicos.',
  })
  @ApiQueryFromContract(KbArticleListParamsV1)
  @ApiOkResponse({
    schema: contractSchemaRef(KbArticlePageV1),
    description: 'Una página de artículos y el cursor de la siguiente',
  })
  @ApiErrors(400, 403, 503)
  list(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(KbArticleListParamsV1, ['limit'])) params: KbArticleListParamsV1,
  ): Promise<KbArticlePageV1> {
    return this.knowledge.request(KnowledgeRpc.ListArticles, { actor, params }, 'params');
  }

  @Get('kb/articles/:id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Un artículo; los solicitantes y referentes solo ven los publicados y públicos' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({
    schema: contractSchemaRef(ArticleV1),
    description: 'El artículo con sus contadores y tickets vinculados',
  })
  @ApiErrors(400, 404, 503)
  get(@CurrentActor() actor: ActorV1, @Param(ARTICLE_ID) { id }: ArticleIdParams): Promise<ArticleV1> {
    return this.knowledge.request(KnowledgeRpc.GetArticle, { actor, id });
  }

  @Patch('kb/articles/:id')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Edita un artículo; cada edición queda como una versión nueva',
    description: '`revision` debe ser la revisión leída: si otro la cambió antes, responde 409.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: contractSchemaRef(ArticleChangesV1) })
  @ApiOkResponse({ schema: contractSchemaRef(ArticleV1), description: 'El artículo editado' })
  @ApiErrors(400, 404, 409, 413, 415, 503)
  update(
    @CurrentActor() actor: ActorV1,
    @Param(ARTICLE_ID) { id }: ArticleIdParams,
    @Body(new ContractPipe(ArticleChangesV1)) changes: ArticleChangesV1,
  ): Promise<ArticleV1> {
    return this.knowledge.request(KnowledgeRpc.UpdateArticle, { actor, id, changes }, 'changes');
  }

  @Get('kb/articles/:id/versions')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Todas las versiones del artículo: quién y cuándo, de la más nueva a la más vieja' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({
    schema: { type: 'array', items: contractSchemaRef(ArticleVersionV1) },
    description: 'Las versiones',
  })
  @ApiErrors(400, 404, 503)
  versions(@CurrentActor() actor: ActorV1, @Param(ARTICLE_ID) { id }: ArticleIdParams): Promise<ArticleVersionV1[]> {
    return this.knowledge.request(KnowledgeRpc.ArticleVersions, { actor, id });
  }

  @Post('kb/articles/:id/publish')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Publica el artículo' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: contractSchemaRef(ArticleV1), description: 'El artículo publicado' })
  @ApiErrors(400, 404, 409, 503)
  publish(@CurrentActor() actor: ActorV1, @Param(ARTICLE_ID) { id }: ArticleIdParams): Promise<ArticleV1> {
    return this.knowledge.request(KnowledgeRpc.PublishArticle, { actor, id });
  }

  @Post('kb/articles/:id/archive')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Archiva el artículo: deja de aparecer en búsquedas y sugerencias' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: contractSchemaRef(ArticleV1), description: 'El artículo archivado' })
  @ApiErrors(400, 404, 409, 503)
  archive(@CurrentActor() actor: ActorV1, @Param(ARTICLE_ID) { id }: ArticleIdParams): Promise<ArticleV1> {
    return this.knowledge.request(KnowledgeRpc.ArchiveArticle, { actor, id });
  }

  @Post('kb/articles/:id/self-solved')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOperation({
    summary: '"Esto resolvió mi problema": el artículo evitó registrar un ticket',
    description:
      'Para un artículo publicado que la cuenta puede leer (solicitantes y referentes: solo públicos; otro → 404, ' +
      'como al leerlo). `query` es lo que la persona había escrito al describir su problema. Queda registrado ' +
      'con el evento `article.self-solved` para contar tickets evitados; repetirlo dentro de ' +
      `${SELF_SOLVED_WINDOW_SECONDS / 60} minutos no registra otra vez (\`recorded: false\`).`,
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: contractSchemaRef(SelfSolvedBodyV1), required: false })
  @ApiOkResponse({
    schema: contractSchemaRef(SelfSolvedResultV1),
    description: 'Registrado (o ya registrado hace poco) y los contadores',
  })
  @ApiErrors(400, 404, 409, 413, 415, 503)
  selfSolved(
    @CurrentActor() actor: ActorV1,
    @Param(ARTICLE_ID) { id }: ArticleIdParams,
    @Body(SELF_SOLVED_BODY) selfSolved: SelfSolvedBodyV1,
  ): Promise<SelfSolvedResultV1> {
    return this.knowledge.request(KnowledgeRpc.RecordSelfSolved, { actor, id, selfSolved }, 'selfSolved');
  }

  @Post('kb/articles/:id/feedback')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOperation({
    summary: '¿Le sirvió el artículo? Un voto por cuenta; votar otra vez cambia el voto',
    description: '`{"helpful": false}` es el "no me sirvió" del portal. Solo sobre artículos que la cuenta puede leer.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: contractSchemaRef(VoteBodyV1) })
  @ApiOkResponse({ schema: contractSchemaRef(ArticleV1), description: 'El artículo con sus contadores' })
  @ApiErrors(400, 404, 413, 415, 503)
  feedback(
    @CurrentActor() actor: ActorV1,
    @Param(ARTICLE_ID) { id }: ArticleIdParams,
    @Body(new ContractPipe(VoteBodyV1)) vote: VoteBodyV1,
  ): Promise<ArticleV1> {
    return this.knowledge.request(KnowledgeRpc.Vote, { actor, id, vote }, 'vote');
  }

  @Post('tickets/:number/kb-article')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Crea un borrador a partir de un ticket resuelto (título, descripción y solución)' })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiCreatedResponse({ schema: contractSchemaRef(ArticleV1), description: 'El borrador creado' })
  @ApiErrors(400, 404, 409, 503)
  draftFromTicket(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
  ): Promise<ArticleV1> {
    return this.knowledge.request(KnowledgeRpc.DraftFromTicket, { actor, number });
  }

  @Get('tickets/:number/kb-suggestions')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Artículos sugeridos al registrar el ticket (base de conocimiento primero, 9.1 paso 3)' })
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({
    schema: contractSchemaRef(TicketKbSuggestionsV1),
    description: 'Los artículos sugeridos que la cuenta puede leer',
  })
  @ApiErrors(400, 404, 503)
  ticketSuggestions(
    @CurrentActor() actor: ActorV1,
    @Param(TICKET_NUMBER) { number }: TicketNumberParams,
  ): Promise<TicketKbSuggestionsV1> {
    return this.knowledge.request(KnowledgeRpc.TicketSuggestions, { actor, number });
  }

  @Get('kb/search')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Busca artículos publicados',
    description:
      'Acentos opcionales, plurales y otras formas de la palabra, una letra equivocada en palabras de cinco ' +
      'letras o más, frases entre comillas y prefijos con `*`. Fragmentos con `<mark>`. Cada búsqueda ordena ' +
      'como máximo los primeros 200 artículos que coinciden (primero los que coinciden en título y problema); ' +
      '`capped` indica que la página llegó a ese límite: más palabras acotan la búsqueda.',
  })
  @ApiQueryFromContract(KbSearchParamsV1)
  @ApiOkResponse({
    schema: contractSchemaRef(KbSearchPageV1),
    description: 'Una página de resultados, el mejor primero',
  })
  @ApiErrors(400, 503)
  search(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(KbSearchParamsV1, ['page', 'limit'])) params: KbSearchParamsV1,
  ): Promise<KbSearchPageV1> {
    return this.knowledge.request(KnowledgeRpc.Search, { actor, params }, 'params');
  }

  @Get('kb/suggest')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Sugerencias mientras se escribe: la última palabra cuenta como prefijo' })
  @ApiQueryFromContract(KbSuggestParamsV1)
  @ApiOkResponse({
    schema: { type: 'array', items: contractSchemaRef(KbSuggestionV1) },
    description: 'Hasta `limit` artículos',
  })
  @ApiErrors(400, 503)
  suggest(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(KbSuggestParamsV1, ['limit'])) params: KbSuggestParamsV1,
  ): Promise<KbSuggestionV1[]> {
    return this.knowledge.request(KnowledgeRpc.Suggest, { actor, params }, 'params');
  }

  @Post('kb/reindex')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Reconstruye el índice de búsqueda desde PostgreSQL' })
  @ApiOkResponse({ schema: contractSchemaRef(ReindexResultV1), description: 'Motor y cantidad de artículos indexados' })
  @ApiErrors(503)
  reindex(@CurrentActor() actor: ActorV1): Promise<ReindexResultV1> {
    return this.knowledge.request(KnowledgeRpc.Reindex, { actor });
  }
}
