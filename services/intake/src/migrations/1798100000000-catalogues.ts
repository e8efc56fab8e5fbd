import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The administered catalogues: categories (a two-level tree), services offered, and the jurisdictions
 * registration has always recorded, now with a name, referentes, supervisors and a retired flag.
 * Rows are filled once at start-up from the old environment variables (see catalogue-seed.ts);
 * `catalogue_seeded` remembers which kinds were, so an emptied catalogue is never refilled.
 */
export class Catalogues1798100000000 implements MigrationInterface {
  name = 'Catalogues1798100000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".categories (
        code text PRIMARY KEY,
        parent_code text REFERENCES "${s}".categories(code),
        label_es text NOT NULL,
        label_en text NOT NULL,
        position integer NOT NULL DEFAULT 0,
        retired boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_code IS DISTINCT FROM code)
      )`);
    await runner.query(`
      CREATE TABLE "${s}".services (
        code text PRIMARY KEY,
        label_es text NOT NULL,
        label_en text NOT NULL,
        retired boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      ALTER TABLE "${s}".jurisdictions
        ADD COLUMN name text,
        ADD COLUMN referente_emails text[] NOT NULL DEFAULT '{}',
        ADD COLUMN supervisor_emails text[] NOT NULL DEFAULT '{}',
        ADD COLUMN listed boolean NOT NULL DEFAULT false,
        ADD COLUMN retired boolean NOT NULL DEFAULT false,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await runner.query(`CREATE TABLE "${s}".catalogue_seeded (kind text PRIMARY KEY, at timestamptz NOT NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".catalogue_seeded, "${s}".services, "${s}".categories`);
    await runner.query(`
      ALTER TABLE "${s}".jurisdictions DROP COLUMN name, DROP COLUMN referente_emails, DROP COLUMN supervisor_emails,
        DROP COLUMN listed, DROP COLUMN retired, DROP COLUMN updated_at`);
  }
}
