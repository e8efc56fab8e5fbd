import type { DataSource, EntityManager } from 'typeorm';
import type { ArticleDocumentV1, ArticleStatus, ArticleVisibility } from '@cau/contracts';
import { correctableWords, type QueryTerm } from './query-text.js';
import { SearchEngine, type EngineHit, type EngineQuery } from './search-engine.js';

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

/**
 * Builds a `to_tsquery` expression. Words hold only [a-z0-9] (see parseQuery), so nothing here can be
 * read as tsquery syntax; each word is OR-ed with its typo corrections.
 */
export function toTsQuery(
  terms: readonly QueryTerm[],
  match: 'all' | 'any',
  corrections: ReadonlyMap<string, readonly string[]>,
): string {
  const parts = terms.map((term) => {
    if (term.words.length > 1) return `(${term.words.join(' <-> ')})`;
    const word = term.words[0]!;
    if (term.prefix) return `${word}:*`;
    const alternatives = [word, ...(corrections.get(word) ?? [])];
    return alternatives.length === 1 ? word : `(${alternatives.join(' | ')})`;
  });
  return parts.join(match === 'all' ? ' & ' : ' | ');
}

/**
 * The embedded engine: a table of search documents with a weighted tsvector (GIN), a vocabulary of
 * the words seen for typo correction (trigram GIN + edit distance), all in the service's schema.
 */
export class PostgresSearchEngine extends SearchEngine {
  readonly name = 'postgres';

  constructor(
    private readonly dataSource: DataSource,
    private readonly s: string,
  ) {
    super();
  }

  async index(documents: readonly ArticleDocumentV1[], tx?: EntityManager): Promise<void> {
    if (documents.length === 0) return;
    const run = tx ?? this.dataSource.manager;
    const json = JSON.stringify(documents);
    await run.query(
      `INSERT INTO "${this.s}".search_documents AS d
         (id, revision, title, problem, body, category, area, service, tags, visibility, status, updated_at, document)
       SELECT r.id, r.revision, r.title, r.problem, r.body, r.category, r.area, r.service,
              ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.visibility, r.status, r."updatedAt",
              "${this.s}".article_document(r.title, r.problem, ARRAY(SELECT jsonb_array_elements_text(r.tags)),
                                           r.body, r.category, r.service, r.area)
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, revision int, title text, problem text, body text,
              category text, area text, service text, tags jsonb, visibility text, status text, "updatedAt" timestamptz)
       ON CONFLICT (id) DO UPDATE SET
         revision = EXCLUDED.revision, title = EXCLUDED.title, problem = EXCLUDED.problem, body = EXCLUDED.body,
         category = EXCLUDED.category, area = EXCLUDED.area, service = EXCLUDED.service, tags = EXCLUDED.tags,
         visibility = EXCLUDED.visibility, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at,
         document = EXCLUDED.document
       WHERE d.revision < EXCLUDED.revision`,
      [json],
    );
    await run.query(
      `INSERT INTO "${this.s}".search_words (word)
       SELECT DISTINCT w
       FROM jsonb_to_recordset($1::jsonb) AS r(title text, problem text, body text, tags jsonb),
            regexp_split_to_table("${this.s}".plain_words(r.title || ' ' || r.problem || ' ' || r.body || ' ' || r.tags::text),
                                  '[^a-z0-9]+') AS w
       WHERE length(w) >= 3
       ON CONFLICT DO NOTHING`,
      [json],
    );
  }

  async search(query: EngineQuery): Promise<EngineHit[]> {
    if (query.terms.length === 0) return [];
    const tsquery = toTsQuery(query.terms, query.match, await this.corrections(query.terms));
    const rows: HitRow[] = await this.dataSource.query(
      `WITH q AS (SELECT to_tsquery('"${this.s}".kb_es', $1) AS query),
       page AS (
         SELECT d.id, d.title, d.category, d.area, d.tags, d.visibility, d.status, d.problem, d.body,
                ts_rank(d.document, q.query) AS score, d.updated_at
         FROM "${this.s}".search_documents d, q
         WHERE d.document @@ q.query
           AND d.status = ANY($2::text[]) AND d.visibility = ANY($3::text[])
           AND ($4::text IS NULL OR lower(d.category) = lower($4))
           AND ($5::text IS NULL OR d.area = $5)
           AND ($6::text IS NULL OR $6 = ANY(d.tags))
         ORDER BY score DESC, d.updated_at DESC, d.id
         OFFSET $7 LIMIT $8
       )
       SELECT page.id, page.title, page.category, page.area, page.tags, page.visibility, page.status,
              page.score::float8 AS score,
              CASE WHEN $9 THEN ts_headline('"${this.s}".kb_es',
                     replace(replace(replace(page.problem || ' ' || page.body, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                     q.query, 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')
              END AS snippet
       FROM page, q
       ORDER BY page.score DESC, page.updated_at DESC, page.id`,
      [
        tsquery,
        query.statuses,
        query.visibilities,
        query.category ?? null,
        query.area ?? null,
        query.tag ?? null,
        query.offset,
        query.limit,
        query.snippets,
      ],
    );
    return rows.map((r) => ({ ...r, snippet: r.snippet ?? '' }));
  }

  async rebuild(batches: AsyncIterable<ArticleDocumentV1[]>): Promise<number> {
    let count = 0;
    await this.dataSource.transaction(async (tx) => {
      // DELETE, not TRUNCATE: TRUNCATE locks searches out until the rebuild commits (and a search
      // waiting on it holds a pool connection the rebuild needs to read its next batch). Deleted rows
      // stay visible to other transactions, so searches keep answering from the old index meanwhile.
      await tx.query(`DELETE FROM "${this.s}".search_documents`);
      await tx.query(`DELETE FROM "${this.s}".search_words`);
      for await (const batch of batches) {
        await this.index(batch, tx);
        count += batch.length;
      }
    });
    return count;
  }

  private async corrections(terms: readonly QueryTerm[]): Promise<Map<string, string[]>> {
    const words = correctableWords(terms);
    const found = new Map<string, string[]>();
    if (words.length === 0) return found;
    const rows: Array<{ word: string; correction: string }> = await this.dataSource.query(
      `SELECT word, correction FROM "${this.s}".word_corrections($1::text[])`,
      [words],
    );
    for (const row of rows) found.set(row.word, [...(found.get(row.word) ?? []), row.correction]);
    return found;
  }
}
