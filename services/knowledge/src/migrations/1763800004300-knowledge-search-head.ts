import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Found with EXPLAIN (ANALYZE, BUFFERS) on the 100k-article benchmark corpus: a broad word
 * (`impresora`, ~9,500 matches) made every search fetch and `ts_rank` every matching row, ~7,000 heap
 * blocks and 50–300 ms. The engine now ranks a bounded candidate set chosen by an index: articles
 * whose title, problem or tags hold every word first (`head`, its own GIN index), the rest of the
 * document only when those are too few. `head` is the A and B part of `document` (`ts_filter`, no
 * second parse), so its matches are exactly the ones `ts_rank` already put first.
 *
 * Then the GIN pending lists: GIN indexes buffer new entries in an unsorted list that every search
 * reads end to end until it is merged, and a rebuild or a day of edits fills it to 4 MB. On the 10k
 * corpus just after a `reindex` that made a search 25–85 ms instead of 3–8 ms. Turning `fastupdate`
 * off made 100k inserts 10× slower (47 s against 4.8 s); a 256 kB list costs a search ~0.3 ms and
 * the inserts 11 s, and `rebuild` vacuums once it has committed.
 *
 * Typo corrections spent ~7 ms computing trigram similarity against every known word (the planner
 * scans a small vocabulary instead of using its index): a length window and a bounded edit distance,
 * both cheap, now run before the trigram test, which stays so a large vocabulary can use its index.
 */
export class KnowledgeSearchHead1763800004300 implements MigrationInterface {
  name = 'KnowledgeSearchHead1763800004300';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    const { t, f } = await extensions(runner);
    await runner.query(`ALTER TABLE "${s}".search_documents ADD COLUMN head tsvector`);
    await runner.query(`UPDATE "${s}".search_documents SET head = ts_filter(document, '{a,b}')`);
    await runner.query(`ALTER TABLE "${s}".search_documents ALTER COLUMN head SET NOT NULL`);
    await runner.query(
      `CREATE INDEX search_documents_head_idx ON "${s}".search_documents USING gin (head)
       WITH (gin_pending_list_limit = 256)`,
    );
    for (const index of ['search_documents_document_idx', 'search_words_trgm_idx']) {
      await runner.query(`ALTER INDEX "${s}".${index} SET (gin_pending_list_limit = 256)`);
      await runner.query(`SELECT gin_clean_pending_list('"${s}".${index}'::regclass)`);
    }
    await runner.query(`
      CREATE OR REPLACE FUNCTION "${s}".word_corrections(words text[])
        RETURNS TABLE (word text, correction text)
        LANGUAGE sql STABLE
        SET pg_trgm.similarity_threshold = 0.3
        AS $$
          SELECT q.word, c.word
          FROM (SELECT u.word FROM unnest(words) AS u(word)
                WHERE length(u.word) >= 5
                  AND NOT EXISTS (SELECT 1 FROM "${s}".search_words e WHERE e.word >= u.word AND e.word <= u.word)
               ) AS q
          CROSS JOIN LATERAL (
            SELECT v.word FROM "${s}".search_words v
            WHERE length(v.word) BETWEEN length(q.word) - 1 AND length(q.word) + 1
              AND "${f}".levenshtein_less_equal(v.word, q.word, 1) <= 1
              AND v.word OPERATOR("${t}".%) q.word
            ORDER BY "${t}".similarity(v.word, q.word) DESC, v.word
            LIMIT 3
          ) c $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    const { t, f } = await extensions(runner);
    await runner.query(`
      CREATE OR REPLACE FUNCTION "${s}".word_corrections(words text[])
        RETURNS TABLE (word text, correction text)
        LANGUAGE sql STABLE
        SET pg_trgm.similarity_threshold = 0.3
        AS $$
          SELECT q.word, c.word
          FROM (SELECT u.word FROM unnest(words) AS u(word)
                WHERE length(u.word) >= 5
                  AND NOT EXISTS (SELECT 1 FROM "${s}".search_words e WHERE e.word >= u.word AND e.word <= u.word)
               ) AS q
          CROSS JOIN LATERAL (
            SELECT v.word FROM "${s}".search_words v
            WHERE v.word OPERATOR("${t}".%) q.word AND "${f}".levenshtein(v.word, q.word) <= 1
            ORDER BY "${t}".similarity(v.word, q.word) DESC, v.word
            LIMIT 3
          ) c $$`);
    for (const index of ['search_documents_document_idx', 'search_words_trgm_idx']) {
      await runner.query(`ALTER INDEX "${s}".${index} RESET (gin_pending_list_limit)`);
    }
    await runner.query(`DROP INDEX "${s}".search_documents_head_idx`);
    await runner.query(`ALTER TABLE "${s}".search_documents DROP COLUMN head`);
  }
}

/** Extensions belong to the database and may live in any schema (see 1763800004100). */
async function extensions(runner: QueryRunner): Promise<{ t: string; f: string }> {
  const [row] = (await runner.query(
    `SELECT n.nspname AS t, (SELECT n2.nspname FROM pg_extension e2 JOIN pg_namespace n2 ON n2.oid = e2.extnamespace
                             WHERE e2.extname = 'fuzzystrmatch') AS f
     FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
  )) as Array<{ t: string; f: string }>;
  return { t: row!.t.replace(/"/g, '""'), f: row!.f.replace(/"/g, '""') };
}
