import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The areas' mailboxes as data (administered in the portal; AREA_MAILBOXES seeds them), and which
 * settings an administrator has edited: from then on the environment no longer overwrites them.
 */
export class NotificationConfiguration1798400000000 implements MigrationInterface {
  name = 'NotificationConfiguration1798400000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".area_mailboxes (
        area text PRIMARY KEY,
        email text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE "${s}".configuration_edits (
        setting text PRIMARY KEY,
        edited_by uuid NOT NULL,
        edited_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".configuration_edits, "${s}".area_mailboxes`);
  }
}
