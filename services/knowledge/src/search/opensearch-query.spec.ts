import type { ArticleDocumentV1 } from '@cau/contracts';
import {
  bulkBody,
  indexDefinition,
  indexName,
  searchRequest,
  snippetOf,
  swapActions,
  termQuery,
  type SourceHit,
} from './opensearch-query.js';
import { parseQuery } from './query-text.js';
import type { EngineQuery } from './search-engine.js';

const query = (q: string, overrides: Partial<EngineQuery> = {}): EngineQuery => ({
  terms: parseQuery(q),
  match: 'all',
  statuses: ['published'],
  visibilities: ['public'],
  offset: 0,
  limit: 10,
  snippets: false,
  ...overrides,
});

describe('OpenSearch request builders', () => {
  it('analyses Spanish with stop words, folded accents and a light stemmer', () => {
    const definition = indexDefinition() as {
      settings: { analysis: { analyzer: { kb_es: { filter: string[] } } } };
      mappings: { _meta: { mappingVersion: number }; properties: Record<string, { type: string }> };
    };
    expect(definition.settings.analysis.analyzer.kb_es.filter).toEqual([
      'lowercase',
      'kb_es_stop',
      'asciifolding',
      'kb_es_stemmer',
    ]);
    expect(definition.mappings._meta.mappingVersion).toBe(1);
    expect(definition.mappings.properties.status!.type).toBe('keyword');
  });

  it('makes words fuzzy from five letters, phrases exact and prefixes on unstemmed fields', () => {
    expect(termQuery({ words: ['impresora'], prefix: false })).toMatchObject({
      multi_match: { query: 'impresora', fuzziness: 'AUTO:5,8', fields: expect.arrayContaining(['title^4', 'body^1']) },
    });
    expect(termQuery({ words: ['segundo', 'piso'], prefix: false })).toMatchObject({
      multi_match: { query: 'segundo piso', type: 'phrase' },
    });
    expect(termQuery({ words: ['telet'], prefix: true })).toMatchObject({
      multi_match: { query: 'telet', type: 'phrase_prefix', fields: expect.arrayContaining(['title.plain^4']) },
    });
  });

  it('requires every term for a search box and any term for a ticket text', () => {
    const all = searchRequest(query('vpn casa')) as { query: { bool: { must: unknown[] } } };
    expect(all.query.bool.must).toHaveLength(2);
    const any = searchRequest(query('vpn casa', { match: 'any' })) as {
      query: { bool: { should: unknown[]; minimum_should_match: number } };
    };
    expect(any.query.bool).toMatchObject({ minimum_should_match: 1 });
    expect(any.query.bool.should).toHaveLength(2);
  });

  it('filters, pages, sorts and highlights with escaping', () => {
    const request = searchRequest(
      query('vpn', { category: 'Redes', area: 'UIT', tag: 'vpn', offset: 20, limit: 11, snippets: true }),
    );
    expect(request).toMatchObject({
      from: 20,
      size: 11,
      sort: [{ _score: 'desc' }, { updatedAt: 'desc' }, { id: 'asc' }],
      highlight: { encoder: 'html', pre_tags: ['<mark>'] },
      query: {
        bool: {
          filter: [
            { terms: { status: ['published'] } },
            { terms: { visibility: ['public'] } },
            { term: { category: 'Redes' } },
            { term: { area: 'UIT' } },
            { term: { tags: 'vpn' } },
          ],
        },
      },
    });
    expect(searchRequest(query('vpn'))).not.toHaveProperty('highlight');
  });

  it('indexes with the revision as external version', () => {
    const document = {
      id: 'a',
      revision: 3,
      title: 't',
      problem: 'p',
      body: '',
      tags: [],
    } as unknown as ArticleDocumentV1;
    expect(bulkBody('cau-kb', [document])[0]).toEqual({
      index: { _index: 'cau-kb', _id: 'a', version: 3, version_type: 'external' },
    });
  });

  it('joins highlighted fragments, or escapes the start of the problem', () => {
    const hit = (highlight?: Record<string, string[]>): SourceHit => ({
      _score: 1,
      _source: {
        id: 'a',
        title: 't',
        category: 'c',
        area: null,
        tags: [],
        visibility: 'public',
        status: 'published',
        problem: 'Adjuntos <b>grandes</b>',
      },
      ...(highlight ? { highlight } : {}),
    });
    expect(snippetOf(hit({ problem: ['<mark>Adjuntos</mark> &lt;b&gt;'], body: ['otra'] }))).toBe(
      '<mark>Adjuntos</mark> &lt;b&gt; … otra',
    );
    expect(snippetOf(hit())).toBe('Adjuntos &lt;b&gt;grandes&lt;/b&gt;');
  });

  it('names versioned indices and swaps the alias in one step', () => {
    expect(indexName('cau-kb')).toBe('cau-kb-v1');
    expect(indexName('cau-kb', 42)).toBe('cau-kb-v1-42');
    expect(swapActions('cau-kb', ['cau-kb-v1'], 'cau-kb-v1-42')).toEqual([
      { remove: { index: 'cau-kb-v1', alias: 'cau-kb' } },
      { add: { index: 'cau-kb-v1-42', alias: 'cau-kb' } },
    ]);
  });
});
