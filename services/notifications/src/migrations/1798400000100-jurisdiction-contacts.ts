import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Each jurisdiction's referentes and supervisors as intake's catalogue announces them
 * (`catalogue.changed`). A jurisdiction without a row falls back to JURISDICTION_REFERENTES and
 * SUPERVISOR_EMAILS, the variables the catalogue was seeded from.
 */
export class JurisdictionContacts1798400000100 implements MigrationInterface {
  name = 'JurisdictionContacts1798400000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".jurisdiction_contacts (
        jurisdiction text PRIMARY KEY,
        referente_emails text[] NOT NULL,
        supervisor_emails text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".jurisdiction_contacts`);
  }
}
