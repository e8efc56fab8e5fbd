import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

export class IntakeSchema1763800001000 implements MigrationInterface {
  name = 'IntakeSchema1763800001000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".requesters (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE "${s}".jurisdictions (
        code text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A single row holds the last number drawn; its row lock, held until commit, makes numbers
    // strictly increasing in commit order and gap-free (a rolled-back draw is undone with the rest).
    await runner.query(`
      CREATE TABLE "${s}".ticket_number (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        last_number bigint NOT NULL
      )`);
    await runner.query(`INSERT INTO "${s}".ticket_number (id, last_number) VALUES (1, 0)`);
    await runner.query(`
      CREATE TABLE "${s}".tickets (
        id uuid PRIMARY KEY,
        number bigint NOT NULL UNIQUE,
        requester_id uuid NOT NULL REFERENCES "${s}".requesters(id),
        jurisdiction text NOT NULL REFERENCES "${s}".jurisdictions(code),
        channel text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        type text NOT NULL,
        category text NOT NULL,
        impact text NOT NULL,
        urgency text NOT NULL,
        attachments jsonb NOT NULL DEFAULT '[]',
        reported_by jsonb,
        registered_by jsonb NOT NULL,
        registered_at timestamptz NOT NULL,
        idempotency_key text UNIQUE,
        request_fingerprint text
      )`);
    await runner.query(`CREATE INDEX tickets_requester_idx ON "${s}".tickets (requester_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".tickets, "${s}".ticket_number, "${s}".jurisdictions, "${s}".requesters`);
  }
}
