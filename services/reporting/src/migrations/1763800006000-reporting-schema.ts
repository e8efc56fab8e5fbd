import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The ticket view: one row per ticket, filled by `ticket.registered` (intake) and `ticket.routed`
 * (routing) in whichever order they arrive. Registration columns stay NULL until registration is seen,
 * and such rows are invisible to queries (they have no number yet).
 */
export class ReportingSchema1763800006000 implements MigrationInterface {
  name = 'ReportingSchema1763800006000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // Extensions belong to the database, not to a schema: another service may have installed unaccent
    // already, in a schema of its choice. Find where it lives instead of assuming `public`.
    // A new one goes to public, as it did before the pools put the service's schema first on the search_path.
    await runner.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
    const [extension] = (await runner.query(
      `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
       WHERE e.extname = 'unaccent'`,
    )) as Array<{ schema: string }>;
    const u = extension!.schema.replace(/"/g, '""');
    // unaccent() is only STABLE (it reads its dictionary through the search path); naming the
    // dictionary explicitly makes the result fixed, which a generated column and its index require.
    await runner.query(`
      CREATE FUNCTION "${s}".immutable_unaccent(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT "${u}".unaccent('"${u}".unaccent'::regdictionary, value) $$`);
    // Documents and queries go through the same normalisation (accents dropped, Spanish stemming), so
    // `impresion` finds `impresión` and `impresoras` finds `impresora`.
    await runner.query(`
      CREATE FUNCTION "${s}".ticket_search_vector(title text, description text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector('pg_catalog.spanish',
                "${s}".immutable_unaccent(coalesce(title, '') || ' ' || coalesce(description, ''))) $$`);
    // websearch_to_tsquery accepts any user text (quotes, operators, SQL fragments) without raising.
    await runner.query(`
      CREATE FUNCTION "${s}".ticket_search_query(words text) RETURNS tsquery
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT websearch_to_tsquery('pg_catalog.spanish', "${s}".immutable_unaccent(words)) $$`);
    await runner.query(`
      CREATE TABLE "${s}".ticket_view (
        ticket_id uuid PRIMARY KEY,
        number bigint UNIQUE,
        title text,
        description text,
        channel text,
        type text,
        category text,
        impact text,
        urgency text,
        priority text,
        area text,
        status text NOT NULL DEFAULT 'abierto',
        overdue boolean NOT NULL DEFAULT false,
        jurisdiction text,
        requester_email text CHECK (requester_email = lower(requester_email)),
        requester_name text,
        requester jsonb,
        reported_by jsonb,
        registered_by jsonb,
        attachments jsonb,
        registered_at timestamptz,
        routed_at timestamptz,
        updated_at timestamptz NOT NULL,
        search tsvector GENERATED ALWAYS AS ("${s}".ticket_search_vector(title, description)) STORED,
        -- A numbered row is a registered one: queries may rely on every registration column being set.
        CONSTRAINT ticket_view_registration_complete CHECK (
          number IS NULL OR (
            title IS NOT NULL AND description IS NOT NULL AND channel IS NOT NULL AND type IS NOT NULL
            AND category IS NOT NULL AND impact IS NOT NULL AND urgency IS NOT NULL AND jurisdiction IS NOT NULL
            AND requester_email IS NOT NULL AND requester_name IS NOT NULL AND requester IS NOT NULL
            AND registered_by IS NOT NULL AND attachments IS NOT NULL AND registered_at IS NOT NULL
          )
        )
      )`);
    // Every list is "newest first, before a cursor": each filter gets a (filter, number) index so the
    // page is read in order straight from the index, however many rows match. The unique index on
    // number serves the unfiltered list. Rows without a number are never listed, so they are left out.
    for (const column of ['status', 'area', 'priority', 'requester_email', 'jurisdiction']) {
      await runner.query(
        `CREATE INDEX ticket_view_${column}_idx ON "${s}".ticket_view (${column}, number DESC)
         WHERE number IS NOT NULL`,
      );
    }
    await runner.query(
      `CREATE INDEX ticket_view_search_idx ON "${s}".ticket_view USING gin (search) WHERE number IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // The unaccent extension stays: other schemas of the database may use it.
    await runner.query(`DROP TABLE "${s}".ticket_view`);
    await runner.query(`DROP FUNCTION "${s}".ticket_search_query(text), "${s}".ticket_search_vector(text, text)`);
    await runner.query(`DROP FUNCTION "${s}".immutable_unaccent(text)`);
  }
}
