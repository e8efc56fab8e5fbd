import { Client } from '@opensearch-project/opensearch';
import type { ArticleDocumentV1 } from '@cau/contracts';
import {
  MAPPING_VERSION,
  bulkBody,
  indexDefinition,
  indexName,
  searchRequest,
  snippetOf,
  swapActions,
  type SourceHit,
} from './opensearch-query.js';
import { SearchEngine, type EngineHit, type EngineQuery } from './search-engine.js';

interface BulkItem {
  index?: { status: number; error?: { type: string; reason?: string } };
}

/**
 * OpenSearch (when `OPENSEARCH_URL` is set). Searches and event writes go through an alias; the
 * physical index is versioned (`cau-kb-v1`), so a mapping change or a `reindex` builds a new index
 * while the old one keeps answering, then moves the alias in one atomic step. Documents carry their
 * article revision as external version: an older revision is refused by OpenSearch itself.
 */
export class OpenSearchEngine extends SearchEngine {
  readonly name = 'opensearch';
  /** The index a rebuild is filling: event writes go there too, so it misses nothing. */
  private building: string | null = null;

  constructor(
    private readonly client: Client,
    readonly alias = 'cau-kb',
  ) {
    super();
  }

  static fromUrl(url: string, alias?: string): OpenSearchEngine {
    return new OpenSearchEngine(new Client({ node: url }), alias);
  }

  /**
   * Creates the first index behind the alias when there is none. Returns false when the alias points
   * to an index of an older mapping version: the caller then rebuilds (search keeps answering).
   */
  async start(): Promise<boolean> {
    const exists = (await this.client.indices.existsAlias({ name: this.alias })).body;
    if (!exists) {
      await this.client.indices.create({
        index: indexName(this.alias),
        body: { ...indexDefinition(), aliases: { [this.alias]: {} } },
      });
      return true;
    }
    const mappings = (await this.client.indices.getMapping({ index: this.alias })).body as Record<
      string,
      { mappings?: { _meta?: { mappingVersion?: number } } }
    >;
    return Object.values(mappings).every((m) => m.mappings?._meta?.mappingVersion === MAPPING_VERSION);
  }

  /** Deletes every index behind the alias (tests). */
  async drop(): Promise<void> {
    const current = Object.keys((await this.client.indices.getAlias({ name: this.alias })).body);
    if (current.length > 0) await this.client.indices.delete({ index: current.join(',') });
    await this.client.close();
  }

  async index(documents: readonly ArticleDocumentV1[]): Promise<void> {
    if (documents.length === 0) return;
    await this.bulk(this.alias, documents, 'wait_for');
    if (this.building) await this.bulk(this.building, documents, false);
  }

  async search(query: EngineQuery): Promise<EngineHit[]> {
    if (query.terms.length === 0) return [];
    const response = await this.client.search({ index: this.alias, body: searchRequest(query) });
    const hits = (response.body as { hits: { hits: SourceHit[] } }).hits.hits;
    return hits.map((hit) => ({
      id: hit._source.id,
      title: hit._source.title,
      category: hit._source.category,
      area: hit._source.area ?? null,
      tags: hit._source.tags,
      visibility: hit._source.visibility,
      status: hit._source.status,
      score: hit._score ?? 0,
      snippet: query.snippets ? snippetOf(hit) : '',
    }));
  }

  async rebuild(batches: AsyncIterable<ArticleDocumentV1[]>): Promise<number> {
    const target = indexName(this.alias, Date.now());
    await this.client.indices.create({ index: target, body: indexDefinition() });
    this.building = target;
    let count = 0;
    try {
      await this.client.indices.putSettings({ index: target, body: { index: { refresh_interval: '-1' } } });
      for await (const batch of batches) {
        await this.bulk(target, batch, false);
        count += batch.length;
      }
      await this.client.indices.putSettings({ index: target, body: { index: { refresh_interval: null } } as never });
      await this.client.indices.refresh({ index: target });
      const current = Object.keys((await this.client.indices.getAlias({ name: this.alias })).body);
      await this.client.indices.updateAliases({ body: { actions: swapActions(this.alias, current, target) } });
      this.building = null;
      if (current.length > 0) await this.client.indices.delete({ index: current.join(',') });
    } catch (error) {
      this.building = null;
      await this.client.indices.delete({ index: target }).catch(() => undefined);
      throw error;
    }
    return count;
  }

  /** Bulk-indexes; a version conflict only means a newer revision is already there. */
  private async bulk(index: string, documents: readonly ArticleDocumentV1[], refresh: 'wait_for' | false) {
    const response = await this.client.bulk({ body: bulkBody(index, documents) as never, refresh });
    const body = response.body as { errors: boolean; items: BulkItem[] };
    if (!body.errors) return;
    const failed = body.items.filter((item) => item.index?.error && item.index.status !== 409);
    if (failed.length > 0) {
      throw new Error(`OpenSearch refused ${failed.length} documents: ${failed[0]!.index!.error!.reason ?? ''}`);
    }
  }
}
