import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The areas' canned answers for replies and solutions: a title unique within the area (case-insensitive),
 * so a picker reads unambiguously, and who wrote them. An account that wrote one is never deleted (accounts
 * are disabled), so the reference holds.
 */
export class CannedAnswers1797100000200 implements MigrationInterface {
  name = 'CannedAnswers1797100000200';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".canned_answers (
        id uuid PRIMARY KEY,
        area text NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        body text NOT NULL CHECK (length(btrim(body)) > 0),
        created_by uuid NOT NULL REFERENCES "${s}".accounts (id),
        updated_by uuid NOT NULL REFERENCES "${s}".accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX canned_answers_area_title ON "${s}".canned_answers (area, lower(title))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".canned_answers`);
  }
}
