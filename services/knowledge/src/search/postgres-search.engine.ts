import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DataSource, EntityManager } from 'typeorm';
import type { ArticleDocumentV1, ArticleStatus, ArticleVisibility } from '@cau/contracts';
import { execute } from '@cau/persistence';
import { knowledgeRows as db } from '../rows.js';
import { isCorrectable, type QueryTerm } from './query-text.js';
import { MAX_RANKED, SearchEngine, type EngineHit, type EngineQuery } from './search-engine.js';

interface HitRow {
  id: string;
  title: string;
  category: string;
  area: string | null;
  tags: string[];
  visibility: ArticleVisibility;
  status: ArticleStatus;
  score: number;
  snippet: string | null;
}

/** A document as `index` receives it, read back from its JSON. */
interface IncomingDocument {
  id: string;
  revision: number;
  title: string;
  problem: string;
  body: string;
  category: string;
  area: string | null;
  service: string | null;
  tags: unknown;
  visibility: ArticleVisibility;
  status: ArticleStatus;
  updatedAt: Date;
}

/** The part of node-postgres' pool the engine uses: named (prepared) statements. */
interface PreparingPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * The terms as `to_tsquery` fragments, and which of them the database may widen with typo corrections.
 * Words hold only [a-z0-9] (see parseQuery), so nothing here can be read as tsquery syntax.
 */
export function tsQueryParts(terms: readonly QueryTerm[]): { parts: string[]; correctable: boolean[] } {
  return {
    parts: terms.map((term) => {
      if (term.words.length > 1) return `(${term.words.join(' <-> ')})`;
      return term.prefix ? `${term.words[0]!}:*` : term.words[0]!;
    }),
    correctable: terms.map(isCorrectable),
  };
}

/**
 * The embedded engine: a table of search documents with a weighted tsvector (GIN) and its title and
 * problem part (`head`, GIN), a vocabulary of the words seen for typo correction (trigram GIN + edit
 * distance), all in the service's schema.
 */
export class PostgresSearchEngine extends SearchEngine {
  readonly name = 'postgres';
  private readonly searchStatement: { name: string; text: string };

  constructor(
    private readonly dataSource: DataSource,
    private readonly s: string,
  ) {
    super();
    const text = searchSql(s);
    // Prepared once per connection: planning this statement cost more than running it.
    this.searchStatement = { name: `kb_search_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text };
  }

  async index(documents: readonly ArticleDocumentV1[], tx?: EntityManager): Promise<void> {
    if (documents.length === 0) return;
    const run = tx ?? this.dataSource.manager;
    const json = JSON.stringify(documents);
    const incoming = sql<IncomingDocument>`jsonb_to_recordset(${json}::jsonb)`.as<'r'>(
      sql`r(id uuid, revision int, title text, problem text, body text, category text, area text, service text,
            tags jsonb, visibility text, status text, "updatedAt" timestamptz)`,
    );
    await execute(
      run,
      db
        .insertInto('search_documents')
        .columns([
          'id',
          'revision',
          'title',
          'problem',
          'body',
          'category',
          'area',
          'service',
          'tags',
          'visibility',
          'status',
          'updated_at',
          'document',
          'head',
        ])
        .expression((eb) =>
          eb
            .selectFrom(incoming)
            .crossJoinLateral((r) =>
              db
                .selectNoFrom(sql<string[]>`ARRAY(SELECT jsonb_array_elements_text(${r.ref('r.tags')}))`.as('tags'))
                .as('t'),
            )
            .crossJoinLateral((r) =>
              db
                .selectNoFrom(
                  r
                    .fn<string>('article_document', [
                      'r.title',
                      'r.problem',
                      't.tags',
                      'r.body',
                      'r.category',
                      'r.service',
                      'r.area',
                    ])
                    .as('document'),
                )
                .as('v'),
            )
            .select((r) => [
              'r.id',
              'r.revision',
              'r.title',
              'r.problem',
              'r.body',
              'r.category',
              'r.area',
              'r.service',
              't.tags',
              'r.visibility',
              'r.status',
              'r.updatedAt',
              'v.document',
              sql<string>`ts_filter(${r.ref('v.document')}, '{a,b}')`.as('head'),
            ]),
        )
        .onConflict((conflict) =>
          conflict
            .column('id')
            .doUpdateSet((eb) => ({
              revision: eb.ref('excluded.revision'),
              title: eb.ref('excluded.title'),
              problem: eb.ref('excluded.problem'),
              body: eb.ref('excluded.body'),
              category: eb.ref('excluded.category'),
              area: eb.ref('excluded.area'),
              service: eb.ref('excluded.service'),
              tags: eb.ref('excluded.tags'),
              visibility: eb.ref('excluded.visibility'),
              status: eb.ref('excluded.status'),
              updated_at: eb.ref('excluded.updated_at'),
              document: eb.ref('excluded.document'),
              head: eb.ref('excluded.head'),
            }))
            .where((eb) => eb('search_documents.revision', '<', eb.ref('excluded.revision'))),
        ),
    );
    const texts = sql<{
      title: string;
      problem: string;
      body: string;
      tags: unknown;
    }>`jsonb_to_recordset(${json}::jsonb)`.as<'r'>(sql`r(title text, problem text, body text, tags jsonb)`);
    await execute(
      run,
      db
        .insertInto('search_words')
        .columns(['word'])
        .expression((eb) =>
          eb
            .selectFrom(texts)
            .crossJoin((r) =>
              sql<{
                w: string;
              }>`regexp_split_to_table(plain_words(${r.ref('r.title')} || ' ' || ${r.ref('r.problem')} || ' ' ||
                ${r.ref('r.body')} || ' ' || ${r.ref('r.tags')}::text), '[^a-z0-9]+')`.as<'w'>(sql`w (w)`),
            )
            .select('w.w')
            .distinct()
            .where((w) => w(w.fn('length', ['w.w']), '>=', sql.lit(3))),
        )
        .onConflict((conflict) => conflict.doNothing()),
    );
  }

  /** One prepared statement: typo corrections, candidates, ranking, the page and its snippets. */
  async search(query: EngineQuery): Promise<EngineHit[]> {
    if (query.terms.length === 0) return [];
    const { parts, correctable } = tsQueryParts(query.terms);
    const pool = (this.dataSource.driver as unknown as { master: PreparingPool }).master;
    const { rows } = await pool.query({
      ...this.searchStatement,
      values: [
        parts,
        correctable,
        query.match === 'all' ? ' & ' : ' | ',
        query.statuses,
        query.visibilities,
        query.category ?? null,
        query.area ?? null,
        query.tag ?? null,
        query.offset,
        query.limit,
        query.snippets,
        query.match === 'all' ? Math.max(MAX_RANKED, query.offset + query.limit) : null,
      ],
    });
    return (rows as HitRow[]).map((r) => ({ ...r, snippet: r.snippet ?? '' }));
  }

  async rebuild(batches: AsyncIterable<ArticleDocumentV1[]>): Promise<number> {
    let count = 0;
    await this.dataSource.transaction(async (tx) => {
      // DELETE, not TRUNCATE: TRUNCATE locks searches out until the rebuild commits (and a search
      // waiting on it holds a pool connection the rebuild needs to read its next batch). Deleted rows
      // stay visible to other transactions, so searches keep answering from the old index meanwhile.
      await execute(tx, db.deleteFrom('search_documents'));
      await execute(tx, db.deleteFrom('search_words'));
      for await (const batch of batches) {
        await this.index(batch, tx);
        count += batch.length;
      }
    });
    // Every row was rewritten: until a vacuum, searches step over the dead half of the table and read
    // the GIN pending lists end to end. Not left to autovacuum's timing.
    await this.dataSource.query(`VACUUM (ANALYZE) "${this.s}".search_documents, "${this.s}".search_words`);
    return count;
  }
}

/**
 * Candidates come from the title/problem index first (`head`: where ts_rank puts its best), then from the
 * whole document only to fill up to `$12`; the index scan stops there, so a broad word costs a bounded
 * number of row fetches and ranks. A null `$12` (LIMIT NULL is no limit) ranks every match. Snippets
 * are computed for the returned page only.
 */
function searchSql(s: string): string {
  const filters = `d.status = ANY($4::text[]) AND d.visibility = ANY($5::text[])
      AND ($6::text IS NULL OR lower(d.category) = lower($6))
      AND ($7::text IS NULL OR d.area = $7)
      AND ($8::text IS NULL OR $8 = ANY(d.tags))`;
  return `WITH q AS (
    SELECT to_tsquery('"${s}".kb_es', string_agg(
             CASE WHEN t.correctable
               THEN '(' || array_to_string(t.part || ARRAY(SELECT c.correction FROM "${s}".word_corrections(ARRAY[t.part]) c), ' | ') || ')'
               ELSE t.part END,
             $3::text ORDER BY t.n)) AS query
    FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS t(part, correctable, n)
  ),
  head AS MATERIALIZED (
    SELECT d.id, ts_rank(d.document, q.query) AS score, d.updated_at
    FROM "${s}".search_documents d, q
    WHERE d.head @@ q.query AND ${filters}
    LIMIT $12::int
  ),
  rest AS MATERIALIZED (
    SELECT d.id, ts_rank(d.document, q.query) AS score, d.updated_at
    FROM "${s}".search_documents d, q
    WHERE d.document @@ q.query AND NOT d.head @@ q.query AND ${filters}
    LIMIT (SELECT $12::int - count(*) FROM head)
  ),
  page AS (
    SELECT f.id, f.score, f.updated_at FROM (SELECT * FROM head UNION ALL SELECT * FROM rest) f
    ORDER BY f.score DESC, f.updated_at DESC, f.id
    OFFSET $9::int LIMIT $10::int
  )
  SELECT d.id, d.title, d.category, d.area, d.tags, d.visibility, d.status, page.score::float8 AS score,
         CASE WHEN $11::boolean THEN ts_headline('"${s}".kb_es',
                replace(replace(replace(d.problem || ' ' || d.body, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                q.query, 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')
         END AS snippet
  FROM page JOIN "${s}".search_documents d ON d.id = page.id, q
  ORDER BY page.score DESC, page.updated_at DESC, page.id`;
}
