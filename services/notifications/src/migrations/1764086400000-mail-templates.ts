import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Administrators' mail templates, one row per version and never updated, so every version stays (who,
 * when). The newest version of a (kind, language) is in force; a version without content means "back
 * to the built-in template".
 */
export class MailTemplates1764086400000 implements MigrationInterface {
  name = 'MailTemplates1764086400000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".mail_templates (
        kind text NOT NULL,
        language text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        subject text,
        text_body text,
        html_body text,
        created_by_id uuid NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, language, version),
        CHECK ((subject IS NULL) = (text_body IS NULL) AND (text_body IS NULL) = (html_body IS NULL))
      )`);
    // Previews with a ticket's stored facts look the ticket up by its number.
    await runner.query(`CREATE INDEX tickets_number_idx ON "${s}".tickets (number)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP INDEX "${s}".tickets_number_idx`);
    await runner.query(`DROP TABLE "${s}".mail_templates`);
  }
}
