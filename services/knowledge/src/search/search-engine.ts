import type { EntityManager } from 'typeorm';
import type { ArticleDocumentV1, ArticleStatus, ArticleVisibility } from '@cau/contracts';
import type { QueryTerm } from './query-text.js';

/**
 * A search box query (`match: 'all'`) ranks at most this many matching articles, title and problem
 * matches first: ranking every match of a broad word cost the PostgreSQL engine 50–300 ms at 100k
 * articles. Pages stop there, and the API says so (`capped`): more words narrow the search. "Any word"
 * queries (a ticket's text, duplicate checks) rank every match: there the best article may hold only
 * some of a dozen words, so no early bound finds it, and they run once per ticket or article.
 */
export const MAX_RANKED = 200;

export interface EngineQuery {
  terms: QueryTerm[];
  /** `all`: every term must match (a search box); `any`: the more terms match the better (a ticket's text). */
  match: 'all' | 'any';
  statuses: readonly ArticleStatus[];
  visibilities: readonly ArticleVisibility[];
  category?: string | undefined;
  area?: string | undefined;
  tag?: string | undefined;
  offset: number;
  limit: number;
  /** Highlighted excerpts cost time; suggestions and duplicate checks go without. */
  snippets: boolean;
}

/** The filters shared by several "any word" searches (`searchAny`). */
export interface AnySearchFilter {
  statuses: readonly ArticleStatus[];
  visibilities: readonly ArticleVisibility[];
  limit: number;
}

export interface EngineHit {
  id: string;
  title: string;
  category: string;
  area: string | null;
  tags: string[];
  visibility: ArticleVisibility;
  status: ArticleStatus;
  score: number;
  snippet: string;
}

/**
 * One interface, two engines: PostgreSQL full-text (embedded default) and OpenSearch. Both must pass
 * the same contract suite (test/search-engine.contract.ts). Indexing is keyed by revision: an older
 * revision never replaces a newer one, so events may arrive late or twice.
 */
export abstract class SearchEngine {
  abstract readonly name: string;
  /** `tx` is the event handler's transaction; engines outside PostgreSQL ignore it. */
  abstract index(documents: readonly ArticleDocumentV1[], tx?: EntityManager): Promise<void>;
  abstract search(query: EngineQuery): Promise<EngineHit[]>;

  /**
   * Several "any word" searches with the same filters, from the first hit, without snippets (a batch of
   * tickets' texts): one list of hits per list of terms, in order, each what `search` finds for it.
   */
  async searchAny(terms: readonly QueryTerm[][], filter: AnySearchFilter): Promise<EngineHit[][]> {
    const hits: EngineHit[][] = [];
    for (const searchTerms of terms) {
      hits.push(await this.search({ terms: searchTerms, match: 'any', ...filter, offset: 0, snippets: false }));
    }
    return hits;
  }
  /** Replaces the whole index with these documents (the `reindex` command); returns how many. */
  abstract rebuild(batches: AsyncIterable<ArticleDocumentV1[]>): Promise<number>;
}
