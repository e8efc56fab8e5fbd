import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Found by `npm run bench -- kb`: pg_trgm's GIN operator class also answers `=`, and the planner chose
 * it over the primary key for "is this word known?", costing ~3 ms per query word (a bitmap scan of
 * trigram posting lists) on every search. A range on the word is the same test for a deterministic
 * collation and only the btree can answer it: ~0.1 ms.
 */
export class KnowledgeSearchSpeed1763800004200 implements MigrationInterface {
  name = 'KnowledgeSearchSpeed1763800004200';

  async up(runner: QueryRunner): Promise<void> {
    await this.define(runner, 'e.word >= q.word AND e.word <= q.word');
  }

  async down(runner: QueryRunner): Promise<void> {
    await this.define(runner, 'e.word = q.word');
  }

  private async define(runner: QueryRunner, known: string): Promise<void> {
    const s = schemaOf(runner);
    const [row] = (await runner.query(
      `SELECT n.nspname AS t, (SELECT n2.nspname FROM pg_extension e2 JOIN pg_namespace n2 ON n2.oid = e2.extnamespace
                               WHERE e2.extname = 'fuzzystrmatch') AS f
       FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
    )) as Array<{ t: string; f: string }>;
    const t = row!.t.replace(/"/g, '""');
    const f = row!.f.replace(/"/g, '""');
    await runner.query(`
      CREATE OR REPLACE FUNCTION "${s}".word_corrections(words text[])
        RETURNS TABLE (word text, correction text)
        LANGUAGE sql STABLE
        SET pg_trgm.similarity_threshold = 0.3
        AS $$
          SELECT q.word, c.word
          FROM (SELECT u.word FROM unnest(words) AS u(word)
                WHERE length(u.word) >= 5
                  AND NOT EXISTS (SELECT 1 FROM "${s}".search_words e WHERE ${known.replace(/q\.word/g, 'u.word')})
               ) AS q
          CROSS JOIN LATERAL (
            SELECT v.word FROM "${s}".search_words v
            WHERE v.word OPERATOR("${t}".%) q.word AND "${f}".levenshtein(v.word, q.word) <= 1
            ORDER BY "${t}".similarity(v.word, q.word) DESC, v.word
            LIMIT 3
          ) c $$`);
  }
}
