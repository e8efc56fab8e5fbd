import { ApiProperty } from '@nestjs/swagger';
import {
  ARTICLE_STATUSES,
  ARTICLE_VISIBILITIES,
  ArticleContentV1,
  SELF_SOLVED_WINDOW_SECONDS,
  type AccountRefV1,
  type ArticleCountersV1,
  type ArticleStatus,
  type ArticleV1,
  type ArticleVersionV1,
  type ArticleVisibility,
  type DuplicateCandidateV1,
  type KbArticlePageV1,
  type KbArticleSummaryV1,
  type KbHitV1,
  type KbSearchPageV1,
  type KbSuggestionV1,
  type ReindexResultV1,
  type SelfSolvedResultV1,
  type TicketKbSuggestionsV1,
} from '@cau/contracts';
import { contractSchemaRef } from '../openapi/contract-schemas.js';

// Knowledge answers for the OpenAPI document. Each class implements the contract interface it
// documents, so a change in the contract that the class does not follow fails to compile.

export class KbAccountRefResponse implements AccountRefV1 {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty()
  name!: string;
}

export class KbArticleCountersResponse implements ArticleCountersV1 {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Lecturas del artículo' })
  views!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Tickets que el artículo ayudó a resolver' })
  uses!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cuentas cuyo voto dice que sirvió' })
  helpful!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cuentas cuyo voto dice que no sirvió' })
  notHelpful!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: '"Esto resolvió mi problema": problemas resueltos sin registrar un ticket',
  })
  selfSolved!: number;
}

export class KbArticleResponse implements ArticleV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Se envía en `PATCH` para no pisar otra edición' })
  revision!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'Problema y síntomas como los cuenta el usuario' })
  problem!: string;

  @ApiProperty({ type: 'string', nullable: true })
  cause!: string | null;

  @ApiProperty({ type: [String] })
  solutionSteps!: string[];

  @ApiProperty()
  category!: string;

  @ApiProperty({ type: 'string', nullable: true })
  area!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'El servicio o sistema afectado' })
  service!: string | null;

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty({ enum: ARTICLE_VISIBILITIES })
  visibility!: ArticleVisibility;

  @ApiProperty({ enum: ARTICLE_STATUSES })
  status!: ArticleStatus;

  @ApiProperty({ type: KbAccountRefResponse })
  author!: KbAccountRefResponse;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  publishedAt!: string | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'integer', minimum: 1 },
    description: 'Tickets que el artículo ayudó a resolver, el más reciente primero',
  })
  tickets!: number[];

  @ApiProperty({ type: KbArticleCountersResponse })
  counters!: KbArticleCountersResponse;
}

export class KbArticleVersionResponse implements ArticleVersionV1 {
  @ApiProperty({ type: 'integer', minimum: 1 })
  revision!: number;

  @ApiProperty({ enum: ['created', 'updated', 'published', 'archived'] })
  change!: ArticleVersionV1['change'];

  @ApiProperty({ type: KbAccountRefResponse })
  by!: KbAccountRefResponse;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({
    description: 'El contenido en esa revisión, con su estado',
    allOf: [
      contractSchemaRef(ArticleContentV1),
      { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: [...ARTICLE_STATUSES] } } },
    ],
  })
  content!: ArticleVersionV1['content'];
}

export class KbDuplicateCandidateResponse implements DuplicateCandidateV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: ARTICLE_STATUSES })
  status!: ArticleStatus;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'Cuánto se parecen título y problema, de 0 a 1' })
  similarity!: number;
}

/** The 409 of "create an article" when near-duplicates exist: the shared error shape plus the candidates. */
export class KbDuplicatesConflictResponse {
  @ApiProperty({ example: 409 })
  statusCode!: number;

  @ApiProperty({ example: 'CONFLICT' })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ type: [KbDuplicateCandidateResponse] })
  candidates!: KbDuplicateCandidateResponse[];

  @ApiProperty()
  correlationId!: string;
}

export class KbHitResponse implements KbHitV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  category!: string;

  @ApiProperty({ type: 'string', nullable: true })
  area!: string | null;

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty({ enum: ARTICLE_VISIBILITIES })
  visibility!: ArticleVisibility;

  @ApiProperty({ enum: ARTICLE_STATUSES })
  status!: ArticleStatus;

  @ApiProperty({ description: 'Relevancia: mayor es mejor; solo sirve para comparar resultados de una búsqueda' })
  score!: number;

  @ApiProperty({
    description:
      'Extracto con las palabras encontradas entre `<mark>` y `</mark>`; el resto del texto viene escapado como HTML',
  })
  snippet!: string;
}

export class KbSearchPageResponse implements KbSearchPageV1 {
  @ApiProperty({ type: [KbHitResponse] })
  items!: KbHitResponse[];

  @ApiProperty({ type: 'integer', minimum: 1 })
  page!: number;

  @ApiProperty({ type: 'integer', minimum: 1 })
  limit!: number;

  @ApiProperty({ description: 'Hay más resultados después de esta página' })
  hasMore!: boolean;

  @ApiProperty({
    description:
      'La página llegó al límite de 200 artículos ordenados: puede haber más; más palabras acotan la búsqueda',
  })
  capped!: boolean;
}

export class KbArticleSummaryResponse implements KbArticleSummaryV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  category!: string;

  @ApiProperty({ type: 'string', nullable: true })
  area!: string | null;

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty({ enum: ARTICLE_VISIBILITIES })
  visibility!: ArticleVisibility;

  @ApiProperty({ enum: ARTICLE_STATUSES })
  status!: ArticleStatus;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Tickets que el artículo ayudó a resolver' })
  uses!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: '«Esto resolvió mi problema»: tickets evitados' })
  selfSolved!: number;
}

export class KbArticlePageResponse implements KbArticlePageV1 {
  @ApiProperty({ type: [KbArticleSummaryResponse] })
  items!: KbArticleSummaryResponse[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Se pasa como `cursor` para la página siguiente; null en la última',
  })
  nextCursor!: string | null;
}

export class KbSuggestionResponse implements KbSuggestionV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'Relevancia: mayor es mejor' })
  score!: number;
}

export class TicketKbSuggestionsResponse implements TicketKbSuggestionsV1 {
  @ApiProperty({ type: 'integer', minimum: 1 })
  number!: number;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Cuándo se calcularon; null si todavía no',
  })
  computedAt!: string | null;

  @ApiProperty({ type: [KbSuggestionResponse] })
  items!: KbSuggestionResponse[];
}

export class KbReindexResultResponse implements ReindexResultV1 {
  @ApiProperty({ example: 'postgres' })
  engine!: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  articles!: number;
}

export class KbSelfSolvedResponse implements SelfSolvedResultV1 {
  @ApiProperty({ format: 'uuid' })
  articleId!: string;

  @ApiProperty({
    description: `false si la misma cuenta ya lo había indicado para este artículo en los últimos ${SELF_SOLVED_WINDOW_SECONDS / 60} minutos: no se registra dos veces`,
  })
  recorded!: boolean;

  @ApiProperty({ format: 'date-time', description: 'Cuándo quedó registrado (la primera vez, si se repitió)' })
  recordedAt!: string;

  @ApiProperty({ type: KbArticleCountersResponse })
  counters!: KbArticleCountersResponse;
}
