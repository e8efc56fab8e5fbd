import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
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

export interface AccountRefV1 {
  accountId: string;
  name: string;
}

export interface ArticleV1 {
  id: string;
  revision: number;
  title: string;
  problem: string;
  cause: string | null;
  solutionSteps: string[];
  category: string;
  area: string | null;
  service: string | null;
  tags: string[];
  visibility: ArticleVisibility;
  status: ArticleStatus;
  author: AccountRefV1;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** Numbers of the tickets the article helped solve, newest first. */
  tickets: number[];
  counters: ArticleCountersV1;
}

/** The answer to ArticleAccess: the article is readable by the actor (otherwise NOT_FOUND). */
export interface ArticleAccessV1 {
  id: string;
  status: ArticleStatus;
  visibility: ArticleVisibility;
}

export interface ArticleCountersV1 {
  views: number;
  /** Tickets the article helped solve (linked by staff). */
  uses: number;
  /** Accounts whose latest vote says it helped / did not help (one vote per account). */
  helpful: number;
  notHelpful: number;
  /** "Esto resolvió mi problema" records: self-service that avoided a ticket. */
  selfSolved: number;
}

/** The answer to "this solved my problem". */
export interface SelfSolvedResultV1 {
  articleId: string;
  /** False when the same account had already said so within the window: nothing new was recorded. */
  recorded: boolean;
  /** When the (first) record was made. */
  recordedAt: string;
  counters: ArticleCountersV1;
}

export interface ArticleVersionV1 {
  revision: number;
  change: 'created' | 'updated' | 'published' | 'archived';
  by: AccountRefV1;
  at: string;
  content: ArticleContentV1 & { status: ArticleStatus };
}

export interface DuplicateCandidateV1 {
  id: string;
  title: string;
  status: ArticleStatus;
  /** 0..1: how alike title and problem are. */
  similarity: number;
}

/** Either the article was created, or near-duplicates exist and nothing was created. */
export type CreateArticleResultV1 =
  { created: true; article: ArticleV1 } | { created: false; candidates: DuplicateCandidateV1[] };

export interface KbHitV1 {
  id: string;
  title: string;
  category: string;
  area: string | null;
  tags: string[];
  visibility: ArticleVisibility;
  status: ArticleStatus;
  score: number;
  /** Excerpt with the matched words between <mark> and </mark>; the rest of the text is HTML-escaped. */
  snippet: string;
}

export interface KbSearchPageV1 {
  items: KbHitV1[];
  page: number;
  limit: number;
  /** More results exist after this page. */
  hasMore: boolean;
  /**
   * A search ranks at most the first 200 matching articles (title and problem matches first); true when
   * this page reached that bound, so more articles may match: more words narrow the search.
   */
  capped: boolean;
}

export interface KbArticleSummaryV1 {
  id: string;
  title: string;
  category: string;
  area: string | null;
  tags: string[];
  visibility: ArticleVisibility;
  status: ArticleStatus;
  updatedAt: string;
  /** Tickets the article helped solve (as `counters.uses` of the article). */
  uses: number;
  /** "Esto resolvió mi problema" records (as `counters.selfSolved`). */
  selfSolved: number;
}

export interface KbArticlePageV1 {
  items: KbArticleSummaryV1[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface KbSuggestionV1 {
  id: string;
  title: string;
  score: number;
}

export interface TicketKbSuggestionsV1 {
  number: number;
  computedAt: string | null;
  items: KbSuggestionV1[];
}

export interface ReindexResultV1 {
  engine: string;
  articles: number;
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
