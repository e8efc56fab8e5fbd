import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase } from '../../common.js';
import { AREA_CODE_PATTERN, ROLES, type Role } from '../../enums.js';
import { defineEvent } from '../../events/envelope.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';

export const ARTICLE_VISIBILITIES = ['internal', 'public'] as const;
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];
export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Sizes of article fields and queries; a query longer than `query` is refused, not truncated. */
export const KnowledgeLimits = {
  title: 200,
  text: 20_000,
  step: 2_000,
  steps: 50,
  tag: 50,
  tags: 20,
  label: 100,
  query: 200,
  pageSize: 50,
  page: 1_000,
  cursor: 100,
} as const;

/** What an author writes. */
export class ArticleContentV1 {
  @IsString()
  @NotBlank()
  @MaxLength(KnowledgeLimits.title)
  title!: string;

  /** Problem and symptoms as the user reports them. */
  @IsString()
  @NotBlank()
  @MaxLength(KnowledgeLimits.text)
  problem!: string;

  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.text)
  cause?: string;

  @IsArray()
  @ArrayMaxSize(KnowledgeLimits.steps)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(KnowledgeLimits.step, { each: true })
  solutionSteps!: string[];

  @IsString()
  @NotBlank()
  @MaxLength(KnowledgeLimits.label)
  category!: string;

  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  /** The service or system affected. */
  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.label)
  service?: string;

  @IsArray()
  @ArrayMaxSize(KnowledgeLimits.tags)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(KnowledgeLimits.tag, { each: true })
  tags!: string[];

  @IsIn(ARTICLE_VISIBILITIES)
  visibility!: ArticleVisibility;
}

/** The HTTP body of "create an article": the content, and `force` to create despite near-duplicates. */
export class CreateArticleBodyV1 extends ArticleContentV1 {
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class CreateArticleCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => CreateArticleBodyV1)
  article!: CreateArticleBodyV1;
}

/** A partial edit: fields left out keep their value. `revision` guards against overwriting someone else's edit. */
export class ArticleChangesV1 {
  @IsInt()
  @Min(1)
  // The revisions are PostgreSQL integers: a larger number is refused here, not by the database.
  @Max(2_147_483_647)
  revision!: number;

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(KnowledgeLimits.title)
  title?: string;

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(KnowledgeLimits.text)
  problem?: string;

  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.text)
  cause?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(KnowledgeLimits.steps)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(KnowledgeLimits.step, { each: true })
  solutionSteps?: string[];

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(KnowledgeLimits.label)
  category?: string;

  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.label)
  service?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(KnowledgeLimits.tags)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(KnowledgeLimits.tag, { each: true })
  tags?: string[];

  @IsOptional()
  @IsIn(ARTICLE_VISIBILITIES)
  visibility?: ArticleVisibility;
}

export class UpdateArticleCommandV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ArticleChangesV1)
  changes!: ArticleChangesV1;
}

/** Publish, archive, read or list the versions of one article. */
export class ArticleRefV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;
}

export class DraftFromTicketCommandV1 extends ActorEnvelopeBase {
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  number!: number;
}

export class RecordUseBodyV1 {
  /** The ticket the article helped solve. */
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  number!: number;
}

export class RecordUseCommandV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => RecordUseBodyV1)
  use!: RecordUseBodyV1;
}

export class VoteBodyV1 {
  @IsBoolean()
  helpful!: boolean;
}

export class VoteCommandV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => VoteBodyV1)
  vote!: VoteBodyV1;
}

/** The HTTP body of "this solved my problem": what the person had typed, when there was something. */
export class SelfSolvedBodyV1 {
  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.query)
  query?: string;
}

export class RecordSelfSolvedCommandV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => SelfSolvedBodyV1)
  selfSolved!: SelfSolvedBodyV1;
}

/**
 * A repeated "this solved my problem" by the same account for the same article within this many
 * seconds is the same one (a double click, a retry): it is recorded once.
 */
export const SELF_SOLVED_WINDOW_SECONDS = 600;

export class ReindexCommandV1 extends ActorEnvelopeBase {}

/** `/kb/search` query string. Page and limit arrive as text and are converted by the gateway. */
export class KbSearchParamsV1 {
  @IsString()
  @MaxLength(KnowledgeLimits.query)
  q!: string;

  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.label)
  category?: string;

  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.tag)
  tag?: string;

  /** Staff only: drafts or archived articles instead of published ones. */
  @IsOptional()
  @IsIn(ARTICLE_STATUSES)
  status?: ArticleStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(KnowledgeLimits.page)
  page?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(KnowledgeLimits.pageSize)
  limit?: number;
}

export class KbSearchQueryV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => KbSearchParamsV1)
  params!: KbSearchParamsV1;
}

/**
 * `GET /kb/articles` query string: newest edits first, filtered, one page after an opaque cursor (the
 * `nextCursor` of the previous page). Requesters and referentes see published public articles only.
 */
export class KbArticleListParamsV1 {
  /** Staff only, like in search; staff see every status when it is left out. */
  @IsOptional()
  @IsIn(ARTICLE_STATUSES)
  status?: ArticleStatus;

  @IsOptional()
  @IsIn(ARTICLE_VISIBILITIES)
  visibility?: ArticleVisibility;

  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.label)
  category?: string;

  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.tag)
  tag?: string;

  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.cursor)
  cursor?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(KnowledgeLimits.pageSize)
  limit?: number;
}

export class KbArticleListQueryV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => KbArticleListParamsV1)
  params!: KbArticleListParamsV1;
}

/** `/kb/suggest`: text as an operator types it; the last word counts as a prefix. */
export class KbSuggestParamsV1 {
  @IsString()
  @MaxLength(KnowledgeLimits.query)
  q!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}

export class KbSuggestQueryV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => KbSuggestParamsV1)
  params!: KbSuggestParamsV1;
}

/** What the duplicate check compares while an author writes: title and problem, and the article being edited. */
export class DuplicateCheckV1 {
  @IsString()
  @NotBlank()
  @MaxLength(KnowledgeLimits.title)
  title!: string;

  @IsString()
  @NotBlank()
  @MaxLength(KnowledgeLimits.text)
  problem!: string;

  /** The article being edited, never its own duplicate. */
  @IsOptional()
  @IsUUID()
  exceptId?: string;
}

export class FindDuplicatesQueryV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => DuplicateCheckV1)
  article!: DuplicateCheckV1;
}

export class TicketSuggestionsQueryV1 extends ActorEnvelopeBase {
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  number!: number;
}

export class AccountRefV1 {
  @IsUUID()
  accountId!: string;

  @IsString()
  name!: string;
}

export class ArticleCountersV1 {
  @IsInt()
  @Min(0)
  @Documented({ description: 'Lecturas del artículo' })
  views!: number;

  /** Tickets the article helped solve (linked by staff). */
  @IsInt()
  @Min(0)
  @Documented({ description: 'Tickets que el artículo ayudó a resolver' })
  uses!: number;

  /** Accounts whose latest vote says it helped / did not help (one vote per account). */
  @IsInt()
  @Min(0)
  @Documented({ description: 'Cuentas cuyo voto dice que sirvió' })
  helpful!: number;

  @IsInt()
  @Min(0)
  @Documented({ description: 'Cuentas cuyo voto dice que no sirvió' })
  notHelpful!: number;

  /** "Esto resolvió mi problema" records: self-service that avoided a ticket. */
  @IsInt()
  @Min(0)
  @Documented({ description: '"Esto resolvió mi problema": problemas resueltos sin registrar un ticket' })
  selfSolved!: number;
}

export class ArticleV1 {
  @IsUUID()
  id!: string;

  @IsInt()
  @Min(1)
  @Documented({ description: 'Se envía en `PATCH` para no pisar otra edición' })
  revision!: number;

  @IsString()
  title!: string;

  @IsString()
  @Documented({ description: 'Problema y síntomas como los cuenta el usuario' })
  problem!: string;

  @IsString()
  @Documented({ nullable: true })
  cause!: string | null;

  @IsArray()
  @IsString({ each: true })
  solutionSteps!: string[];

  @IsString()
  category!: string;

  @IsString()
  @Documented({ nullable: true })
  area!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'El servicio o sistema afectado' })
  service!: string | null;

  @IsArray()
  @IsString({ each: true })
  tags!: string[];

  @IsIn(ARTICLE_VISIBILITIES)
  visibility!: ArticleVisibility;

  @IsIn(ARTICLE_STATUSES)
  status!: ArticleStatus;

  @ValidateNested()
  @Type(() => AccountRefV1)
  author!: AccountRefV1;

  @IsString()
  @Documented({ format: 'date-time' })
  createdAt!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  updatedAt!: string;

  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  publishedAt!: string | null;

  /** Numbers of the tickets the article helped solve, newest first. */
  @IsArray()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Documented({ description: 'Tickets que el artículo ayudó a resolver, el más reciente primero' })
  tickets!: number[];

  @ValidateNested()
  @Type(() => ArticleCountersV1)
  counters!: ArticleCountersV1;
}

/** The answer to ArticleAccess: the article is readable by the actor (otherwise NOT_FOUND). */
export interface ArticleAccessV1 {
  id: string;
  status: ArticleStatus;
  visibility: ArticleVisibility;
}

/** The answer to "this solved my problem". */
export class SelfSolvedResultV1 {
  @IsUUID()
  articleId!: string;

  /** False when the same account had already said so within the window: nothing new was recorded. */
  @IsBoolean()
  @Documented({
    description: `false si la misma cuenta ya lo había indicado para este artículo en los últimos ${SELF_SOLVED_WINDOW_SECONDS / 60} minutos: no se registra dos veces`,
  })
  recorded!: boolean;

  /** When the (first) record was made. */
  @IsString()
  @Documented({ format: 'date-time', description: 'Cuándo quedó registrado (la primera vez, si se repitió)' })
  recordedAt!: string;

  @ValidateNested()
  @Type(() => ArticleCountersV1)
  counters!: ArticleCountersV1;
}

export const ARTICLE_CHANGES = ['created', 'updated', 'published', 'archived'] as const;
export type ArticleChange = (typeof ARTICLE_CHANGES)[number];

/** An article's content at one revision, with the status it had. */
export class ArticleRevisionContentV1 extends ArticleContentV1 {
  @IsIn(ARTICLE_STATUSES)
  status!: ArticleStatus;
}

export class ArticleVersionV1 {
  @IsInt()
  @Min(1)
  revision!: number;

  @IsIn(ARTICLE_CHANGES)
  change!: ArticleChange;

  @ValidateNested()
  @Type(() => AccountRefV1)
  by!: AccountRefV1;

  @IsString()
  @Documented({ format: 'date-time' })
  at!: string;

  @ValidateNested()
  @Type(() => ArticleRevisionContentV1)
  @Documented({ description: 'El contenido en esa revisión, con su estado' })
  content!: ArticleRevisionContentV1;
}

export class DuplicateCandidateV1 {
  @IsUUID()
  id!: string;

  @IsString()
  title!: string;

  @IsIn(ARTICLE_STATUSES)
  status!: ArticleStatus;

  /** 0..1: how alike title and problem are. */
  @IsNumber()
  @Min(0)
  @Max(1)
  @Documented({ description: 'Cuánto se parecen título y problema, de 0 a 1' })
  similarity!: number;
}

/** Either the article was created, or near-duplicates exist and nothing was created. */
export type CreateArticleResultV1 =
  { created: true; article: ArticleV1 } | { created: false; candidates: DuplicateCandidateV1[] };

export class KbHitV1 {
  @IsUUID()
  id!: string;

  @IsString()
  title!: string;

  @IsString()
  category!: string;

  @IsString()
  @Documented({ nullable: true })
  area!: string | null;

  @IsArray()
  @IsString({ each: true })
  tags!: string[];

  @IsIn(ARTICLE_VISIBILITIES)
  visibility!: ArticleVisibility;

  @IsIn(ARTICLE_STATUSES)
  status!: ArticleStatus;

  @IsNumber()
  @Documented({ description: 'Relevancia: mayor es mejor; solo sirve para comparar resultados de una búsqueda' })
  score!: number;

  /** Excerpt with the matched words between <mark> and </mark>; the rest of the text is HTML-escaped. */
  @IsString()
  @Documented({
    description:
      'Extracto con las palabras encontradas entre `<mark>` y `</mark>`; el resto del texto viene escapado como HTML',
  })
  snippet!: string;
}

export class KbSearchPageV1 {
  @ValidateNested({ each: true })
  @Type(() => KbHitV1)
  items!: KbHitV1[];

  @IsInt()
  @Min(1)
  page!: number;

  @IsInt()
  @Min(1)
  limit!: number;

  /** More results exist after this page. */
  @IsBoolean()
  @Documented({ description: 'Hay más resultados después de esta página' })
  hasMore!: boolean;

  /**
   * A search ranks at most the first 200 matching articles (title and problem matches first); true when
   * this page reached that bound, so more articles may match: more words narrow the search.
   */
  @IsBoolean()
  @Documented({
    description:
      'La página llegó al límite de 200 artículos ordenados: puede haber más; más palabras acotan la búsqueda',
  })
  capped!: boolean;
}

export class KbArticleSummaryV1 {
  @IsUUID()
  id!: string;

  @IsString()
  title!: string;

  @IsString()
  category!: string;

  @IsString()
  @Documented({ nullable: true })
  area!: string | null;

  @IsArray()
  @IsString({ each: true })
  tags!: string[];

  @IsIn(ARTICLE_VISIBILITIES)
  visibility!: ArticleVisibility;

  @IsIn(ARTICLE_STATUSES)
  status!: ArticleStatus;

  @IsString()
  @Documented({ format: 'date-time' })
  updatedAt!: string;

  /** Tickets the article helped solve (as `counters.uses` of the article). */
  @IsInt()
  @Min(0)
  @Documented({ description: 'Tickets que el artículo ayudó a resolver' })
  uses!: number;

  /** "Esto resolvió mi problema" records (as `counters.selfSolved`). */
  @IsInt()
  @Min(0)
  @Documented({ description: '«Esto resolvió mi problema»: tickets evitados' })
  selfSolved!: number;
}

export class KbArticlePageV1 {
  @ValidateNested({ each: true })
  @Type(() => KbArticleSummaryV1)
  items!: KbArticleSummaryV1[];

  /** Pass as `cursor` for the next page; null on the last one. */
  @IsString()
  @Documented({ nullable: true, description: 'Se pasa como `cursor` para la página siguiente; null en la última' })
  nextCursor!: string | null;
}

export class KbSuggestionV1 {
  @IsUUID()
  id!: string;

  @IsString()
  title!: string;

  @IsNumber()
  @Documented({ description: 'Relevancia: mayor es mejor' })
  score!: number;
}

export class TicketKbSuggestionsV1 {
  @IsInt()
  @Min(1)
  number!: number;

  @IsString()
  @Documented({ nullable: true, format: 'date-time', description: 'Cuándo se calcularon; null si todavía no' })
  computedAt!: string | null;

  @ValidateNested({ each: true })
  @Type(() => KbSuggestionV1)
  items!: KbSuggestionV1[];
}

export class ReindexResultV1 {
  @IsString()
  @Documented({ example: 'postgres' })
  engine!: string;

  @IsInt()
  @Min(0)
  articles!: number;
}

/** What the search engines index: an article's searchable fields at one revision. */
export class ArticleDocumentV1 {
  @IsUUID()
  id!: string;

  @IsInt()
  @Min(1)
  revision!: number;

  @IsString()
  title!: string;

  @IsString()
  problem!: string;

  @IsString()
  body!: string;

  @IsString()
  category!: string;

  @IsOptional()
  @IsString()
  area!: string | null;

  @IsOptional()
  @IsString()
  service!: string | null;

  @IsArray()
  @IsString({ each: true })
  tags!: string[];

  @IsIn(ARTICLE_VISIBILITIES)
  visibility!: ArticleVisibility;

  @IsIn(ARTICLE_STATUSES)
  status!: ArticleStatus;

  @IsISO8601()
  updatedAt!: string;
}

/**
 * Article events carry the whole searchable document, so an indexer never reads the articles table
 * and an older revision arriving late is recognised by its `revision` and ignored.
 */
export const ArticleEvents = {
  ArticleDrafted: defineEvent('article.drafted', 1, ArticleDocumentV1),
  ArticleUpdated: defineEvent('article.updated', 1, ArticleDocumentV1),
  ArticlePublished: defineEvent('article.published', 1, ArticleDocumentV1),
  ArticleArchived: defineEvent('article.archived', 1, ArticleDocumentV1),
} as const;

/** `article.self-solved`: someone solved their problem with a published article instead of reporting it. */
export class ArticleSelfSolvedV1 {
  /** The record's id in knowledge's `article_self_solved`. */
  @IsUUID()
  recordId!: string;

  @IsUUID()
  articleId!: string;

  @IsString()
  category!: string;

  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area!: string | null;

  @IsUUID()
  accountId!: string;

  @IsIn(ROLES)
  role!: Role;

  @IsOptional()
  @IsString()
  jurisdiction!: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(KnowledgeLimits.query)
  query!: string | null;

  @IsISO8601()
  at!: string;
}

/** Self-service events: not article revisions, so they stay out of `ArticleEvents` (the index follows those). */
export const SelfServiceEvents = {
  ArticleSelfSolved: defineEvent('article.self-solved', 1, ArticleSelfSolvedV1),
} as const;
