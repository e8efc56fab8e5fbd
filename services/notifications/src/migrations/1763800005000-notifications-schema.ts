import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

export class NotificationsSchema1763800005000 implements MigrationInterface {
  name = 'NotificationsSchema1763800005000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // One row per mail to send. UNIQUE (event_id, recipient) is the second guard, after the consumer's
    // inbox, against a redelivered event creating a second mail. The body is rendered once, when the
    // row is written, so every retry sends the same message under the same Message-ID.
    await runner.query(`
      CREATE TABLE "${s}".deliveries (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        recipient text NOT NULL,
        kind text NOT NULL,
        language text NOT NULL,
        ticket_id uuid,
        ticket_number bigint,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        message_id text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (event_id, recipient)
      )`);
    // The sender's claim query reads only pending rows that are due; sent and failed rows pile up beside them.
    await runner.query(
      `CREATE INDEX deliveries_due_idx ON "${s}".deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await runner.query(`CREATE INDEX deliveries_ticket_idx ON "${s}".deliveries (ticket_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".deliveries`);
  }
}
