import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The inbound e-mail channel. Every mail received is kept raw, once (UNIQUE message_key), before its
 * mailbox is told it was taken; processing it into a ticket or a comment is a later step that can be
 * retried, so receiving and processing never lose each other's work.
 */
export class InboundMessages1763800009000 implements MigrationInterface {
  name = 'InboundMessages1763800009000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // status: received (waiting to be processed) → processed | ignored (a robot, a loop) | failed (refused,
    // unreadable, or out of attempts); reason says why, or what was not kept of a processed mail.
    // raw_complete is false when only the headers of an oversized mail were kept.
    await runner.query(`
      CREATE TABLE "${s}".inbound_messages (
        id uuid PRIMARY KEY,
        message_key text NOT NULL UNIQUE,
        source text NOT NULL,
        raw bytea NOT NULL,
        raw_size bigint NOT NULL,
        raw_complete boolean NOT NULL DEFAULT true,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'ignored', 'failed')),
        reason text,
        sender text,
        subject text,
        outcome text CHECK (outcome IN ('ticket', 'comment')),
        ticket_id uuid,
        ticket_number bigint,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX inbound_messages_due_idx ON "${s}".inbound_messages (next_attempt_at) WHERE status = 'received'`,
    );
    await runner.query(
      `CREATE INDEX inbound_messages_status_idx ON "${s}".inbound_messages (status, received_at DESC)`,
    );
    // content is null when the attachment was over the size limit (stored = false, reason says so).
    await runner.query(`
      CREATE TABLE "${s}".inbound_attachments (
        message_id uuid NOT NULL REFERENCES "${s}".inbound_messages (id),
        position integer NOT NULL,
        filename text,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        content bytea,
        stored boolean NOT NULL,
        reason text,
        PRIMARY KEY (message_id, position)
      )`);
    // The requester's answers (by mail above all) are told to the area that has the ticket.
    await runner.query(`
      INSERT INTO "${s}".notification_rules (event_type, recipient_kind, enabled, essential)
      VALUES ('ticket.commented', 'area-mailbox', true, false)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DELETE FROM "${s}".notification_rules WHERE event_type = 'ticket.commented'`);
    await runner.query(`DROP TABLE "${s}".inbound_attachments`);
    await runner.query(`DROP TABLE "${s}".inbound_messages`);
  }
}
