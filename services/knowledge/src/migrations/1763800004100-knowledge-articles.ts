import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Articles with every version, the PostgreSQL search index (Spanish, accents optional, typo
 * tolerant), and the ticket fields knowledge needs to suggest articles and draft them from tickets.
 */
export class KnowledgeArticles1763800004100 implements MigrationInterface {
  name = 'KnowledgeArticles1763800004100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // Extensions belong to the database and may already live in another schema (see reporting's
    // migration): find where each one is instead of assuming `public`.
    const where: Record<string, string> = {};
    for (const name of ['unaccent', 'pg_trgm', 'fuzzystrmatch']) {
      // A new one goes to public, as it did before the pools put the service's schema first on the search_path.
      await runner.query(`CREATE EXTENSION IF NOT EXISTS ${name} SCHEMA public`);
      const [row] = (await runner.query(
        `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = $1`,
        [name],
      )) as Array<{ schema: string }>;
      where[name] = row!.schema.replace(/"/g, '""');
    }
    const u = where.unaccent!;
    const t = where.pg_trgm!;
    const f = where.fuzzystrmatch!;

    // The ticket copy grows beyond routing: registration may arrive before routing, so routing's
    // columns become optional.
    await runner.query(`
      ALTER TABLE "${s}".tickets
        ALTER COLUMN area DROP NOT NULL,
        ALTER COLUMN priority DROP NOT NULL,
        ALTER COLUMN routed_at DROP NOT NULL,
        ADD COLUMN title text,
        ADD COLUMN description text,
        ADD COLUMN category text,
        ADD COLUMN requester_email text,
        ADD COLUMN jurisdiction text,
        ADD COLUMN solution text,
        ADD COLUMN resolved_at timestamptz`);

    await runner.query(`
      CREATE TABLE "${s}".articles (
        id uuid PRIMARY KEY,
        revision int NOT NULL,
        title text NOT NULL,
        problem text NOT NULL,
        cause text,
        solution_steps jsonb NOT NULL,
        category text NOT NULL,
        area text,
        service text,
        tags text[] NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('internal', 'public')),
        status text NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
        author jsonb NOT NULL,
        views bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        published_at timestamptz
      )`);
    await runner.query(`
      CREATE TABLE "${s}".article_versions (
        article_id uuid NOT NULL REFERENCES "${s}".articles (id),
        revision int NOT NULL,
        change text NOT NULL,
        changed_by jsonb NOT NULL,
        changed_at timestamptz NOT NULL,
        content jsonb NOT NULL,
        PRIMARY KEY (article_id, revision)
      )`);
    await runner.query(`
      CREATE TABLE "${s}".article_tickets (
        article_id uuid NOT NULL REFERENCES "${s}".articles (id),
        number bigint NOT NULL,
        linked_by jsonb NOT NULL,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (article_id, number)
      )`);
    // One vote per account and article: voting again changes the vote instead of adding one.
    await runner.query(`
      CREATE TABLE "${s}".article_votes (
        article_id uuid NOT NULL REFERENCES "${s}".articles (id),
        account_id uuid NOT NULL,
        helpful boolean NOT NULL,
        voted_at timestamptz NOT NULL,
        PRIMARY KEY (article_id, account_id)
      )`);
    await runner.query(`
      CREATE TABLE "${s}".ticket_suggestions (
        ticket_id uuid NOT NULL,
        position int NOT NULL,
        article_id uuid NOT NULL,
        score real NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, position)
      )`);

    // The search configuration: accents dropped by the unaccent dictionary, then Spanish stemming, so
    // `conexion` finds `conexión`, `impresoras` finds `impresora`, and ts_headline marks the words as
    // written in the article.
    await runner.query(`CREATE TEXT SEARCH CONFIGURATION "${s}".kb_es (COPY = pg_catalog.spanish)`);
    await runner.query(`
      ALTER TEXT SEARCH CONFIGURATION "${s}".kb_es
        ALTER MAPPING FOR hword, hword_part, word WITH "${u}".unaccent, pg_catalog.spanish_stem`);
    await runner.query(`
      CREATE FUNCTION "${s}".plain_words(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower("${u}".unaccent('"${u}".unaccent'::regdictionary, value)) $$`);
    // Title weighs most (A), then problem and tags (B), then cause and solution (C), then labels (D).
    await runner.query(`
      CREATE FUNCTION "${s}".article_document(
        title text, problem text, tags text[], body text, category text, service text, area text
      ) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT
          setweight(to_tsvector('"${s}".kb_es', coalesce(title, '')), 'A') ||
          setweight(to_tsvector('"${s}".kb_es', coalesce(problem, '') || ' ' || array_to_string(tags, ' ')), 'B') ||
          setweight(to_tsvector('"${s}".kb_es', coalesce(body, '')), 'C') ||
          setweight(to_tsvector('"${s}".kb_es',
            coalesce(category, '') || ' ' || coalesce(service, '') || ' ' || coalesce(area, '')), 'D') $$`);
    await runner.query(`
      CREATE TABLE "${s}".search_documents (
        id uuid PRIMARY KEY,
        revision int NOT NULL,
        title text NOT NULL,
        problem text NOT NULL,
        body text NOT NULL,
        category text NOT NULL,
        area text,
        service text,
        tags text[] NOT NULL,
        visibility text NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL,
        document tsvector NOT NULL
      )`);
    await runner.query(`CREATE INDEX search_documents_document_idx ON "${s}".search_documents USING gin (document)`);
    // Every word the index has seen, unaccented and lower-case: a query word of five letters or more
    // that is not among them is looked up here by trigrams and corrected at edit distance one.
    await runner.query(`CREATE TABLE "${s}".search_words (word text PRIMARY KEY)`);
    await runner.query(
      `CREATE INDEX search_words_trgm_idx ON "${s}".search_words USING gin (word "${t}".gin_trgm_ops)`,
    );
    // The threshold is set on the function so no session setting is needed: at 0.3, a one-letter change
    // in a five-letter word still shares enough trigrams to be found.
    await runner.query(`
      CREATE FUNCTION "${s}".word_corrections(words text[])
        RETURNS TABLE (word text, correction text)
        LANGUAGE sql STABLE
        SET pg_trgm.similarity_threshold = 0.3
        AS $$
          SELECT q.word, c.word
          FROM unnest(words) AS q(word)
          CROSS JOIN LATERAL (
            SELECT v.word FROM "${s}".search_words v
            WHERE v.word OPERATOR("${t}".%) q.word AND "${f}".levenshtein(v.word, q.word) <= 1
            ORDER BY "${t}".similarity(v.word, q.word) DESC, v.word
            LIMIT 3
          ) c
          WHERE length(q.word) >= 5
            AND NOT EXISTS (SELECT 1 FROM "${s}".search_words e WHERE e.word = q.word) $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP FUNCTION "${s}".word_corrections(text[])`);
    await runner.query(`DROP TABLE "${s}".search_words, "${s}".search_documents`);
    await runner.query(
      `DROP FUNCTION "${s}".article_document(text, text, text[], text, text, text, text), "${s}".plain_words(text)`,
    );
    await runner.query(`DROP TEXT SEARCH CONFIGURATION "${s}".kb_es`);
    await runner.query(
      `DROP TABLE "${s}".ticket_suggestions, "${s}".article_votes, "${s}".article_tickets, "${s}".article_versions, "${s}".articles`,
    );
    await runner.query(`
      ALTER TABLE "${s}".tickets
        DROP COLUMN title, DROP COLUMN description, DROP COLUMN category, DROP COLUMN requester_email,
        DROP COLUMN jurisdiction, DROP COLUMN solution, DROP COLUMN resolved_at`);
  }
}
