import { Injectable } from '@nestjs/common';
import type {
  ArticleContentV1,
  DuplicateCandidateV1,
  KbSearchPageV1,
  KbSearchQueryV1,
  KbSuggestionV1,
  KbSuggestQueryV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { DUPLICATE_THRESHOLD, isStaff, readableBy, similarity } from '../articles/article-rules.js';
import { ArticleRepository } from '../articles/article.repository.js';
import { keywordTerms, parseQuery } from './query-text.js';
import { MAX_RANKED, SearchEngine } from './search-engine.js';

const DEFAULT_PAGE_SIZE = 10;
const DEFAULT_SUGGESTIONS = 5;
/** Candidates the engine proposes before the duplicate score decides. */
const DUPLICATE_CANDIDATES = 10;

@Injectable()
export class SearchArticlesUseCase {
  constructor(
    private readonly engine: SearchEngine,
    private readonly articles: ArticleRepository,
  ) {}

  /** A page of articles matching every word, best first, with highlighted excerpts. */
  async search({ actor, params }: KbSearchQueryV1): Promise<KbSearchPageV1> {
    if (params.q.trim() === '') throw ServiceError.validation([{ field: 'params.q', constraint: 'isNotEmpty' }]);
    if (params.status && !isStaff(actor)) {
      throw ServiceError.forbidden({ code: 'knowledge.staff-only-search-drafts' });
    }
    const page = params.page ?? 1;
    const limit = params.limit ?? DEFAULT_PAGE_SIZE;
    const offset = (page - 1) * limit;
    // One more than the page tells whether another page follows, within the ranked bound.
    const wanted = Math.min(limit + 1, MAX_RANKED - offset);
    if (wanted <= 0) return { items: [], page, limit, hasMore: false, capped: true };
    const hits = await this.engine.search({
      terms: parseQuery(params.q),
      match: 'all',
      statuses: [params.status ?? 'published'],
      visibilities: readableBy(actor).visibilities,
      category: params.category,
      area: params.area,
      tag: params.tag,
      offset,
      limit: wanted,
      snippets: true,
    });
    const hasMore = hits.length > limit;
    return {
      items: hits.slice(0, limit),
      page,
      limit,
      hasMore,
      capped: !hasMore && offset + hits.length >= MAX_RANKED,
    };
  }

  /** Published articles for the text an operator is typing: the last word counts as a prefix. */
  async suggest({ actor, params }: KbSuggestQueryV1): Promise<KbSuggestionV1[]> {
    const hits = await this.engine.search({
      terms: parseQuery(params.q, { typing: true }),
      match: 'all',
      statuses: ['published'],
      visibilities: readableBy(actor).visibilities,
      offset: 0,
      limit: params.limit ?? DEFAULT_SUGGESTIONS,
      snippets: false,
    });
    return hits.map(({ id, title, score }) => ({ id, title, score }));
  }

  /**
   * The best published articles for each of these tickets' texts, whatever their visibility (filtered when
   * read); one search for all of them.
   */
  async forTexts(texts: readonly string[], limit = DEFAULT_SUGGESTIONS): Promise<KbSuggestionV1[][]> {
    const hits = await this.engine.searchAny(texts.map(keywordTerms), {
      statuses: ['published'],
      visibilities: ['internal', 'public'],
      limit,
    });
    return hits.map((found) => found.map(({ id, title, score }) => ({ id, title, score })));
  }

  /** Drafts and published articles too alike this content (9.1 step 6: never register a case twice). */
  async duplicatesOf(
    content: Pick<ArticleContentV1, 'title' | 'problem'>,
    exceptId?: string,
  ): Promise<DuplicateCandidateV1[]> {
    const hits = await this.engine.search({
      terms: keywordTerms(`${content.title} ${content.title} ${content.problem}`),
      match: 'any',
      statuses: ['draft', 'published'],
      visibilities: ['internal', 'public'],
      offset: 0,
      limit: DUPLICATE_CANDIDATES,
      snippets: false,
    });
    const summaries = await this.articles.summaries(hits.map((h) => h.id).filter((id) => id !== exceptId));
    return [...summaries.entries()]
      .map(([id, other]) => ({
        id,
        title: other.title,
        status: other.status,
        similarity: round(similarity(content, other)),
      }))
      .filter((candidate) => candidate.similarity >= DUPLICATE_THRESHOLD)
      .sort((a, b) => b.similarity - a.similarity);
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
