import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Queue views staff save: a name and the queue page's URL search string, private or shared with every
 * staff member. Names are unique per owner (case-insensitive), so a list of views reads unambiguously.
 */
export class SavedViews1797100000100 implements MigrationInterface {
  name = 'SavedViews1797100000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".saved_views (
        id uuid PRIMARY KEY,
        owner_account_id uuid NOT NULL REFERENCES "${s}".accounts (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        query text NOT NULL,
        shared boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX saved_views_owner_name ON "${s}".saved_views (owner_account_id, lower(name))`,
    );
    await runner.query(`CREATE INDEX saved_views_shared ON "${s}".saved_views (lower(name), id) WHERE shared`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".saved_views`);
  }
}
