import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The requester directory the desk searches while registering a call: each requester's jurisdiction
 * (that of their latest ticket) and search columns. `search_text` holds the words of the name, e-mail
 * and phone, unaccented and lower-case, between spaces, so "starts a word" is `LIKE '% word%'`, which
 * the trigram index answers; `phone_digits` lets digits match anywhere in the number; `sort_name` orders
 * pages (keyset on sort_name, id).
 */
export class RequesterDirectory1797100000000 implements MigrationInterface {
  name = 'RequesterDirectory1797100000000';

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
      ALTER TABLE "${s}".requesters
        ADD COLUMN jurisdiction text,
        ADD COLUMN search_text text NOT NULL
          GENERATED ALWAYS AS ("${s}".search_key(name || ' ' || email || ' ' || coalesce(phone, ''))) STORED,
        ADD COLUMN phone_digits text NOT NULL
          GENERATED ALWAYS AS (regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')) STORED,
        ADD COLUMN sort_name text NOT NULL GENERATED ALWAYS AS ("${s}".sort_key(name)) STORED`);
    await runner.query(`
      UPDATE "${s}".requesters r SET jurisdiction = latest.jurisdiction
      FROM (SELECT DISTINCT ON (requester_id) requester_id, jurisdiction
            FROM "${s}".tickets ORDER BY requester_id, number DESC) latest
      WHERE latest.requester_id = r.id`);
    // Registrations add requesters in batches: GIN's pending list stays (fastupdate), kept small (256 kB)
    // because every search reads it whole until it is merged (see knowledge's search indexes).
    await runner.query(
      `CREATE INDEX requesters_search_idx ON "${s}".requesters USING gin (search_text "${t}".gin_trgm_ops)
       WITH (gin_pending_list_limit = 256)`,
    );
    await runner.query(
      `CREATE INDEX requesters_phone_idx ON "${s}".requesters USING gin (phone_digits "${t}".gin_trgm_ops)
       WITH (gin_pending_list_limit = 256)`,
    );
    await runner.query(`CREATE INDEX requesters_sort_idx ON "${s}".requesters (sort_name, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE "${s}".requesters
        DROP COLUMN sort_name, DROP COLUMN phone_digits, DROP COLUMN search_text, DROP COLUMN jurisdiction`);
    await runner.query(`DROP FUNCTION "${s}".sort_key(text)`);
    await runner.query(`DROP FUNCTION "${s}".search_key(text)`);
  }
}
