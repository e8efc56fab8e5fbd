import { createHash } from 'node:crypto';
import {
  sql,
  type AliasableExpression,
  type Compilable,
  type ExpressionBuilder,
  type InferResult,
  type RawBuilder,
} from 'kysely';
import type { DataSource, EntityManager } from 'typeorm';
import type { ArticleDocumentV1, ArticleStatus, ArticleVisibility } from '@cau/contracts';
import { compiledOnce, execute } from '@cau/persistence';
import { knowledgeRows as db } from '../rows.js';
import { isCorrectable, type QueryTerm } from './query-text.js';
import { MAX_RANKED, SearchEngine, type AnySearchFilter, type EngineHit, type EngineQuery } from './search-engine.js';

/** The query the search's terms make, the first of its statement's parts, which the others read. */
type QueryTable = { q: { query: string } };

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

/** A filter's value as a text parameter: PostgreSQL cannot tell the type of one only compared with null. */
function textParameter(value: string | undefined): RawBuilder<string | null> {
  return sql<string | null>`${value ?? null}::text`;
}

/**
 * Runs a built query as a named statement, which each connection prepares once: planning the search cost
 * more than running it. The name is the text's hash, so a text has one name (node-postgres refuses a name
 * reused for another text).
 */
async function fetchPrepared<Q extends Compilable>(pool: PreparingPool, query: Q): Promise<InferResult<Q>> {
  const compiled = query.compile();
  const { rows } = await pool.query({
    name: `kb_search_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 16)}`,
    text: compiled.sql,
    values: [...compiled.parameters],
  });
  return rows as InferResult<Q>;
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

/** The values of one search, each sent as a parameter of the one statement every search runs. */
interface SearchValues {
  parts: string[];
  correctable: boolean[];
  statuses: readonly ArticleStatus[];
  visibilities: readonly ArticleVisibility[];
  category: string | undefined;
  area: string | undefined;
  tag: string | undefined;
  /** How the terms combine: ' & ' (all) or ' | ' (any). */
  joiner: string;
  ranked: number | null;
  offset: number;
  limit: number;
  snippets: boolean;
}

/** A term's row of the search's `unnest(…) AS t (part, correctable, n)`. */
type TermTable = { t: { part: string; correctable: boolean; n: string } };

/**
 * The search's `tsquery`, aggregated over its terms in order: each correctable word widened with its typo
 * corrections (`word_corrections`), the terms joined by `joiner` (' & ' or ' | ').
 */
function tsQueryOf(eb: ExpressionBuilder<TermTable, 't'>, joiner: RawBuilder<string>): AliasableExpression<string> {
  return eb.fn<string>('to_tsquery', [
    sql.lit('kb_es'),
    eb.fn
      .agg<string>('string_agg', [
        eb
          .case()
          .when(eb.ref('t.correctable'))
          .then(
            sql<string>`'(' || array_to_string(${eb.ref('t.part')} || ARRAY(SELECT c.correction FROM word_corrections(ARRAY[${eb.ref('t.part')}]) c), ' | ') || ')'`,
          )
          .else(eb.ref('t.part'))
          .end(),
        joiner,
      ])
      .orderBy('t.n'),
  ]);
}

/**
 * One statement: typo corrections, candidates, ranking, the page and its snippets. Candidates come from
 * the title/problem index first (`head`: where ts_rank puts its best), then from the whole document only
 * to fill up to `ranked`; the index scan stops there, so a broad word costs a bounded number of row
 * fetches and ranks. A null `ranked` (LIMIT NULL is no limit) ranks every match. Snippets are computed
 * for the returned page only. Built and compiled once (a search is asked for every registered ticket, and
 * building it cost more CPU than the rest of the search's work in this process).
 */
const searchStatement = compiledOnce((v: SearchValues) => {
  const terms = sql<{
    part: string;
    correctable: boolean;
    n: string;
  }>`unnest(${v.parts}::text[], ${v.correctable}::boolean[]) WITH ORDINALITY`.as<'t'>(sql`t (part, correctable, n)`);
  // Absent filters are null parameters, not missing conditions: every search is the one statement's text.
  const category = textParameter(v.category);
  const area = textParameter(v.area);
  const tag = textParameter(v.tag);
  const candidates = db
    .withTables<QueryTable>()
    .selectFrom(['search_documents as d', 'q'])
    .select((eb) => ['d.id', eb.fn<number>('ts_rank', ['d.document', 'q.query']).as('score'), 'd.updated_at'])
    .where((eb) =>
      eb.and([
        eb('d.status', '=', sql<ArticleStatus>`ANY(${v.statuses}::text[])`),
        eb('d.visibility', '=', sql<ArticleVisibility>`ANY(${v.visibilities}::text[])`),
        eb.or([eb(category, 'is', null), eb(eb.fn('lower', ['d.category']), '=', eb.fn('lower', [category]))]),
        eb.or([eb(area, 'is', null), eb('d.area', '=', area)]),
        eb.or([eb(tag, 'is', null), eb(tag, '=', eb.fn.any('d.tags'))]),
      ]),
    );
  return db
    .with('q', (db) => db.selectFrom(terms).select((eb) => tsQueryOf(eb, sql<string>`${v.joiner}::text`).as('query')))
    .with(
      (cte) => cte('head').materialized(),
      () => candidates.where((eb) => eb('d.head', '@@', eb.ref('q.query'))).limit(sql<number | null>`${v.ranked}::int`),
    )
    .with(
      (cte) => cte('rest').materialized(),
      (db) =>
        candidates
          .where((eb) => eb('d.document', '@@', eb.ref('q.query')))
          .where((eb) => eb.not(eb('d.head', '@@', eb.ref('q.query'))))
          .limit(
            db
              .selectFrom('head')
              .select((eb) => eb(sql<number | null>`${v.ranked}::int`, '-', eb.fn.countAll<number>()).as('left'))
              .$asScalar(),
          ),
    )
    .with('page', (db) =>
      db
        .selectFrom((db) => db.selectFrom('head').selectAll().unionAll(db.selectFrom('rest').selectAll()).as('f'))
        .select(['f.id', 'f.score', 'f.updated_at'])
        .orderBy('f.score', 'desc')
        .orderBy('f.updated_at', 'desc')
        .orderBy('f.id')
        .offset(sql<number>`${v.offset}::int`)
        .limit(sql<number>`${v.limit}::int`),
    )
    .selectFrom('page')
    .innerJoin('search_documents as d', 'd.id', 'page.id')
    .crossJoin('q')
    .select((eb) => [
      'd.id',
      'd.title',
      'd.category',
      'd.area',
      'd.tags',
      'd.visibility',
      'd.status',
      eb.cast<number>('page.score', 'float8').as('score'),
      eb
        .case()
        .when(sql<boolean>`${v.snippets}::boolean`)
        .then(
          eb.fn<string>('ts_headline', [
            sql.lit('kb_es'),
            sql<string>`replace(replace(replace(${eb.ref('d.problem')} || ' ' || ${eb.ref('d.body')}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`,
            'q.query',
            sql.lit(
              'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "',
            ),
          ]),
        )
        .end()
        .as('snippet'),
    ])
    .orderBy('page.score', 'desc')
    .orderBy('page.updated_at', 'desc')
    .orderBy('page.id');
});

/** The values of several "any word" searches with the same filters, their terms flattened in order. */
interface AnySearchValues {
  /** The index of the search each term belongs to. */
  searches: number[];
  parts: string[];
  correctable: boolean[];
  statuses: readonly ArticleStatus[];
  visibilities: readonly ArticleVisibility[];
  limit: number;
}

/**
 * Several "any word" searches in one statement (a batch of tickets' texts): each search's best `limit` matches,
 * as `searchStatement` ranks them without a bound (`ranked` null, no snippets). There the title/problem
 * candidates (`head`) and the rest together are every document the query matches (`head` is part of
 * `document`, and a query of words and phrases that matches a part matches the whole), so each search here
 * ranks those directly; the contract suite checks both give the same hits.
 */
const anySearchesStatement = compiledOnce((v: AnySearchValues) => {
  const terms = sql<{
    search: number;
    part: string;
    correctable: boolean;
    n: string;
  }>`unnest(${v.searches}::int[], ${v.parts}::text[], ${v.correctable}::boolean[]) WITH ORDINALITY`.as<'t'>(
    sql`t (search, part, correctable, n)`,
  );
  return db
    .with('q', (db) =>
      db
        .selectFrom(terms)
        .select((eb) => ['t.search', tsQueryOf(eb, sql<string>`' | '::text`).as('query')])
        .groupBy('t.search'),
    )
    .selectFrom('q')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('search_documents as d')
          .select((eb) => [
            'd.id',
            'd.title',
            'd.category',
            'd.area',
            'd.tags',
            'd.visibility',
            'd.status',
            'd.updated_at',
            eb.fn<number>('ts_rank', ['d.document', 'q.query']).as('rank'),
          ])
          .where((eb) =>
            eb.and([
              eb('d.status', '=', sql<ArticleStatus>`ANY(${v.statuses}::text[])`),
              eb('d.visibility', '=', sql<ArticleVisibility>`ANY(${v.visibilities}::text[])`),
              eb('d.document', '@@', eb.ref('q.query')),
            ]),
          )
          .orderBy('rank', 'desc')
          .orderBy('d.updated_at', 'desc')
          .orderBy('d.id')
          .limit(sql<number>`${v.limit}::int`)
          .as('h'),
      (join) => join.onTrue(),
    )
    .select((eb) => [
      'q.search',
      'h.id',
      'h.title',
      'h.category',
      'h.area',
      'h.tags',
      'h.visibility',
      'h.status',
      eb.cast<number>('h.rank', 'float8').as('score'),
    ])
    .orderBy('q.search')
    .orderBy('h.rank', 'desc')
    .orderBy('h.updated_at', 'desc')
    .orderBy('h.id');
});

/**
 * The embedded engine: a table of search documents with a weighted tsvector (GIN) and its title and
 * problem part (`head`, GIN), a vocabulary of the words seen for typo correction (trigram GIN + edit
 * distance), all in the service's schema.
 */
export class PostgresSearchEngine extends SearchEngine {
  readonly name = 'postgres';

  constructor(
    private readonly dataSource: DataSource,
    private readonly s: string,
  ) {
    super();
  }

  private get pool(): PreparingPool {
    return (this.dataSource.driver as unknown as { master: PreparingPool }).master;
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

  async search(query: EngineQuery): Promise<EngineHit[]> {
    if (query.terms.length === 0) return [];
    const { parts, correctable } = tsQueryParts(query.terms);
    const rows = await fetchPrepared(
      this.pool,
      searchStatement({
        parts,
        correctable,
        statuses: query.statuses,
        visibilities: query.visibilities,
        category: query.category,
        area: query.area,
        tag: query.tag,
        joiner: query.match === 'all' ? ' & ' : ' | ',
        ranked: query.match === 'all' ? Math.max(MAX_RANKED, query.offset + query.limit) : null,
        offset: query.offset,
        limit: query.limit,
        snippets: query.snippets,
      }),
    );
    return rows.map((r) => ({ ...r, snippet: r.snippet ?? '' }));
  }

  /** One statement for all of them (the default asks `search` once per query). */
  override async searchAny(terms: readonly QueryTerm[][], filter: AnySearchFilter): Promise<EngineHit[][]> {
    const values: AnySearchValues = { searches: [], parts: [], correctable: [], ...filter };
    terms.forEach((searchTerms, index) => {
      const { parts, correctable } = tsQueryParts(searchTerms);
      values.searches.push(...parts.map(() => index));
      values.parts.push(...parts);
      values.correctable.push(...correctable);
    });
    const hits: EngineHit[][] = terms.map(() => []);
    if (values.parts.length === 0) return hits;
    for (const { search, ...hit } of await fetchPrepared(this.pool, anySearchesStatement(values))) {
      hits[search]!.push({ ...hit, snippet: '' });
    }
    return hits;
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
