import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Firings of an alert that arrive while its ticket is being opened (issue 18's alert storm): each is stored here
 * in one insert and answered at once instead of waiting for the opening's transaction. The next batch that
 * handles the alert (its sweep, right after the opening) takes them and applies them to the record in the order the
 * calls arrived (`arrival`, the receiving instance's clock in milliseconds, among that batch's own calls), or
 * opens the ticket with the first of them if the opening failed.
 */
export class ParkedAlertFirings1800100000000 implements MigrationInterface {
  name = 'ParkedAlertFirings1800100000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".alert_parked_firings (
        id bigserial PRIMARY KEY,
        integration_id uuid NOT NULL REFERENCES "${s}".alert_integrations (id),
        alert_key text NOT NULL,
        alert jsonb NOT NULL,
        arrival double precision NOT NULL,
        parked_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX alert_parked_firings_key ON "${s}".alert_parked_firings (integration_id, alert_key)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".alert_parked_firings`);
  }
}
