import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The people picker searches accounts as they type. `search_text` holds the words of the name and
 * e-mail, unaccented and lower-case, between spaces, so "starts a word" is `LIKE '% word%'`, which the
 * trigram index answers; `sort_name` orders pages (keyset on sort_name, id).
 */
export class AccountSearch1797100000000 implements MigrationInterface {
  name = 'AccountSearch1797100000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // Extensions belong to the database and may already live in another schema (see reporting's
    // migration): find where each one is instead of assuming `public`.
    // Services starting together on a fresh database would race to create the same extension (the loser
    // fails on pg_extension's unique name); this lock, held to commit, makes the second one find it.
    await runner.query(`SELECT pg_advisory_xact_lock(hashtext('cau-create-extensions'))`);
    const where: Record<string, string> = {};
    for (const name of ['unaccent', 'pg_trgm']) {
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
    // unaccent() is only STABLE; naming the dictionary makes it fixed, as generated columns require.
    await runner.query(`
      CREATE FUNCTION "${s}".search_key(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT ' ' || btrim(regexp_replace(lower("${u}".unaccent('"${u}".unaccent'::regdictionary, value)),
                                                  '[^a-z0-9]+', ' ', 'g')) || ' ' $$`);
    await runner.query(`
      CREATE FUNCTION "${s}".sort_key(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT btrim(lower("${u}".unaccent('"${u}".unaccent'::regdictionary, value))) $$`);
    await runner.query(`
      ALTER TABLE "${s}".accounts
        ADD COLUMN search_text text NOT NULL GENERATED ALWAYS AS ("${s}".search_key(name || ' ' || email)) STORED,
        ADD COLUMN sort_name text NOT NULL GENERATED ALWAYS AS ("${s}".sort_key(name)) STORED`);
    // Accounts are few and rarely added: no pending list (GIN's fastupdate), which every search would read
    // whole until it is merged, and which made the planner prefer a sequential scan.
    await runner.query(
      `CREATE INDEX accounts_search_idx ON "${s}".accounts USING gin (search_text "${t}".gin_trgm_ops)
       WITH (fastupdate = off)`,
    );
    await runner.query(`CREATE INDEX accounts_sort_idx ON "${s}".accounts (sort_name, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".accounts DROP COLUMN sort_name, DROP COLUMN search_text`);
    await runner.query(`DROP FUNCTION "${s}".sort_key(text)`);
    await runner.query(`DROP FUNCTION "${s}".search_key(text)`);
  }
}
