import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Monitoring alerts (issue 18). `alert_integrations`: one account per monitoring source with the SHA-256 of
 * its webhook secret and its routing settings. `alert_records`: one row per alert while its ticket is open;
 * the partial unique index is what makes two identical alerts arriving at once fold into one ticket even if
 * the advisory lock were bypassed. `alert_notes`: timeline notes waiting to be posted on the ticket
 * (resolution's comment command, idempotent by the note's id), so a resolution outage delays a note and
 * never loses it nor fails the webhook.
 */
export class MonitoringAlerts1799600000000 implements MigrationInterface {
  name = 'MonitoringAlerts1799600000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".alert_integrations (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('alertmanager', 'zabbix')),
        enabled boolean NOT NULL DEFAULT true,
        secret_sha256 text NOT NULL,
        secret_rotated_at timestamptz NOT NULL DEFAULT now(),
        settings jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE "${s}".alert_records (
        id uuid PRIMARY KEY,
        integration_id uuid NOT NULL REFERENCES "${s}".alert_integrations (id),
        alert_key text NOT NULL,
        ticket_id uuid NOT NULL,
        ticket_number bigint NOT NULL,
        name text NOT NULL,
        severity text,
        priority text NOT NULL,
        area text NOT NULL,
        labels jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('firing', 'resolved')),
        firing_count integer NOT NULL DEFAULT 1,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        last_note_at timestamptz NOT NULL,
        resolved_at timestamptz,
        finished_at timestamptz
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX alert_records_open_key ON "${s}".alert_records (integration_id, alert_key)
         WHERE finished_at IS NULL`,
    );
    await runner.query(`CREATE INDEX alert_records_ticket ON "${s}".alert_records (ticket_id)`);
    await runner.query(`CREATE INDEX alert_records_recent ON "${s}".alert_records (last_seen_at DESC)`);
    await runner.query(`
      CREATE TABLE "${s}".alert_notes (
        id uuid PRIMARY KEY,
        record_id uuid NOT NULL REFERENCES "${s}".alert_records (id),
        ticket_number bigint NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        posted_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await runner.query(`CREATE INDEX alert_notes_pending ON "${s}".alert_notes (created_at) WHERE posted_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".alert_notes`);
    await runner.query(`DROP TABLE "${s}".alert_records`);
    await runner.query(`DROP TABLE "${s}".alert_integrations`);
  }
}
