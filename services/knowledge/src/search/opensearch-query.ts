import type { ArticleDocumentV1 } from '@cau/contracts';
import type { QueryTerm } from './query-text.js';
import type { EngineQuery } from './search-engine.js';

/**
 * Pure builders for the OpenSearch engine: the index (settings and mappings), the search request,
 * the indexed source. Kept apart from the client so they are unit-tested without a cluster.
 */

/** Bump when the settings or mappings change: `start` then rebuilds into a new index behind the alias. */
export const MAPPING_VERSION = 1;

/** Title weighs most, then problem and tags, then cause and solution (body), then labels. */
export const FIELD_WEIGHTS = {
  title: 4,
  problem: 2,
  'tags.text': 2,
  body: 1,
  labels: 0.5,
} as const;

const searchFields = (suffix = ''): string[] =>
  Object.entries(FIELD_WEIGHTS).map(([field, weight]) => `${field}${suffix}^${weight}`);
/** The same fields without stemming (accents and case folded only), for prefixes. */
const PLAIN_FIELDS = ['title.plain^4', 'problem.plain^2', 'tags.text^2', 'body.plain^1'];

const text = {
  type: 'text',
  analyzer: 'kb_es',
  fields: { plain: { type: 'text', analyzer: 'kb_plain' } },
} as const;

/** Index settings and mappings: Spanish with accents folded and a light stemmer. */
export function indexDefinition(): Record<string, unknown> {
  return {
    settings: {
      number_of_shards: 1,
      analysis: {
        filter: {
          kb_es_stop: { type: 'stop', stopwords: '_spanish_' },
          kb_es_stemmer: { type: 'stemmer', language: 'light_spanish' },
        },
        normalizer: {
          kb_lower: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
        },
        analyzer: {
          // Stop words before folding: the Spanish list is written with accents (`más`, `él`).
          kb_es: {
            type: 'custom',
            tokenizer: 'standard',
            filter: ['lowercase', 'kb_es_stop', 'asciifolding', 'kb_es_stemmer'],
          },
          kb_plain: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
        },
      },
    },
    mappings: {
      dynamic: 'strict',
      _meta: { mappingVersion: MAPPING_VERSION },
      properties: {
        id: { type: 'keyword' },
        revision: { type: 'integer' },
        title: text,
        problem: text,
        body: text,
        tags: { type: 'keyword', fields: { text: { type: 'text', analyzer: 'kb_es' } } },
        category: { type: 'keyword', normalizer: 'kb_lower', copy_to: 'labels' },
        area: { type: 'keyword', copy_to: 'labels' },
        service: { type: 'keyword', copy_to: 'labels' },
        labels: { type: 'text', analyzer: 'kb_es' },
        visibility: { type: 'keyword' },
        status: { type: 'keyword' },
        updatedAt: { type: 'date' },
      },
    },
  };
}

/** The indexed source of a document (everything the hits need, so no round trip to PostgreSQL). */
export function sourceOf(document: ArticleDocumentV1): Record<string, unknown> {
  return {
    id: document.id,
    revision: document.revision,
    title: document.title,
    problem: document.problem,
    body: document.body,
    tags: document.tags,
    category: document.category,
    area: document.area,
    service: document.service,
    visibility: document.visibility,
    status: document.status,
    updatedAt: document.updatedAt,
  };
}

/** Bulk lines indexing these documents with their revision as external version (older never wins). */
export function bulkBody(index: string, documents: readonly ArticleDocumentV1[]): Array<Record<string, unknown>> {
  return documents.flatMap((document) => [
    { index: { _index: index, _id: document.id, version: document.revision, version_type: 'external' } },
    sourceOf(document),
  ]);
}

/** One term as a query: fuzzy words (one edit from five letters on), exact phrases, prefixes. */
export function termQuery(term: QueryTerm): Record<string, unknown> {
  const query = term.words.join(' ');
  if (term.prefix) {
    return { multi_match: { query, type: 'phrase_prefix', fields: PLAIN_FIELDS } };
  }
  if (term.words.length > 1) {
    return { multi_match: { query, type: 'phrase', fields: searchFields() } };
  }
  return {
    multi_match: {
      query,
      type: 'best_fields',
      tie_breaker: 0.3,
      fields: searchFields(),
      // `AUTO:5,8`: no edit below five letters, one up to eight, two beyond (as the PostgreSQL engine,
      // which corrects words of five letters or more).
      fuzziness: 'AUTO:5,8',
      prefix_length: 1,
    },
  };
}

/** The search request body for an engine query. */
export function searchRequest(query: EngineQuery): Record<string, unknown> {
  const terms = query.terms.map(termQuery);
  const filter: Array<Record<string, unknown>> = [
    { terms: { status: [...query.statuses] } },
    { terms: { visibility: [...query.visibilities] } },
  ];
  if (query.category !== undefined) filter.push({ term: { category: query.category } });
  if (query.area !== undefined) filter.push({ term: { area: query.area } });
  if (query.tag !== undefined) filter.push({ term: { tags: query.tag } });
  const bool = query.match === 'all' ? { must: terms, filter } : { should: terms, minimum_should_match: 1, filter };
  return {
    from: query.offset,
    size: query.limit,
    track_total_hits: false,
    _source: ['id', 'title', 'category', 'area', 'tags', 'visibility', 'status', 'problem'],
    query: { bool },
    sort: [{ _score: 'desc' }, { updatedAt: 'desc' }, { id: 'asc' }],
    ...(query.snippets
      ? {
          highlight: {
            encoder: 'html',
            pre_tags: ['<mark>'],
            post_tags: ['</mark>'],
            fields: {
              problem: { number_of_fragments: 2, fragment_size: 160 },
              body: { number_of_fragments: 2, fragment_size: 160 },
            },
          },
        }
      : {}),
  };
}

export interface SourceHit {
  _score: number | null;
  _source: {
    id: string;
    title: string;
    category: string;
    area: string | null;
    tags: string[];
    visibility: 'internal' | 'public';
    status: 'draft' | 'published' | 'archived';
    problem: string;
  };
  highlight?: Record<string, string[]>;
}

/** Highlighted fragments joined as the PostgreSQL engine does; the escaped start of the problem otherwise. */
export function snippetOf(hit: SourceHit): string {
  const fragments = [...(hit.highlight?.problem ?? []), ...(hit.highlight?.body ?? [])].slice(0, 2);
  if (fragments.length > 0) return fragments.join(' … ');
  return escapeHtml(hit._source.problem.slice(0, 200));
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A new physical index name for this mapping version: `cau-kb-v1`, then `cau-kb-v1-<stamp>` on rebuilds. */
export function indexName(alias: string, stamp?: number): string {
  return stamp === undefined ? `${alias}-v${MAPPING_VERSION}` : `${alias}-v${MAPPING_VERSION}-${stamp}`;
}

/** Alias actions moving `alias` from the old indices to the new one in one atomic step. */
export function swapActions(alias: string, from: readonly string[], to: string): Array<Record<string, unknown>> {
  return [...from.map((index) => ({ remove: { index, alias } })), { add: { index: to, alias } }];
}
