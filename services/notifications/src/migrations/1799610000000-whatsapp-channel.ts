import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The WhatsApp channel. Inbound messages are kept once by WhatsApp's message id (a redelivered webhook
 * finds the row and does nothing), then processed into a ticket or a comment, with retries, as inbound
 * mail is. A contact is a number that wrote to us from a requester's phone: it is the requester's
 * opt-in to WhatsApp notices (Meta requires one) and remembers the ticket their messages go to.
 * Outgoing template messages have their own delivery log with the same attempt record as mail.
 */
export class WhatsappChannel1799610000000 implements MigrationInterface {
  name = 'WhatsappChannel1799610000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // status: received → processed (ticket or comment) | unknown (number of no requester: answered with
    // the registration template, nothing else kept of it but this row) | failed (out of attempts).
    await runner.query(`
      CREATE TABLE "${s}".whatsapp_messages (
        id uuid PRIMARY KEY,
        wa_message_id text NOT NULL UNIQUE,
        sender text NOT NULL,
        profile_name text,
        message_type text NOT NULL,
        body text,
        sent_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'unknown', 'failed')),
        reason text,
        outcome text CHECK (outcome IN ('ticket', 'comment')),
        ticket_id uuid,
        ticket_number bigint,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX whatsapp_messages_due_idx ON "${s}".whatsapp_messages (next_attempt_at) WHERE status = 'received'`,
    );
    await runner.query(`
      CREATE TABLE "${s}".whatsapp_contacts (
        phone text PRIMARY KEY,
        requester_email text NOT NULL,
        requester_name text NOT NULL,
        open_ticket_id uuid,
        open_ticket_number bigint,
        first_message_at timestamptz NOT NULL DEFAULT now(),
        last_message_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX whatsapp_contacts_email_idx ON "${s}".whatsapp_contacts (requester_email)`);
    // One row per (event, recipient), as mail deliveries: a redelivered event adds nothing.
    // status: pending → sent | failed (refused for good, or out of attempts) | uncertain (a sender died
    // after handing it to WhatsApp and before recording the answer: not sent again on its own).
    // delivery_state is what WhatsApp later reports for it (sent, delivered, read, failed).
    await runner.query(`
      CREATE TABLE "${s}".whatsapp_deliveries (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        recipient text NOT NULL,
        kind text NOT NULL,
        template text NOT NULL,
        language text NOT NULL,
        parameters jsonb NOT NULL,
        ticket_id uuid,
        ticket_number bigint,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'uncertain')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        wa_message_id text,
        delivery_state text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (event_id, recipient)
      )`);
    await runner.query(
      `CREATE INDEX whatsapp_deliveries_due_idx ON "${s}".whatsapp_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await runner.query(`CREATE INDEX whatsapp_deliveries_wamid_idx ON "${s}".whatsapp_deliveries (wa_message_id)`);
    // No foreign key: the attempt is recorded from another connection while the claim holds the row
    // FOR UPDATE, and the key check's lock would wait for it.
    await runner.query(`
      CREATE TABLE "${s}".whatsapp_delivery_attempts (
        delivery_id uuid PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".whatsapp_delivery_attempts`);
    await runner.query(`DROP TABLE "${s}".whatsapp_deliveries`);
    await runner.query(`DROP TABLE "${s}".whatsapp_contacts`);
    await runner.query(`DROP TABLE "${s}".whatsapp_messages`);
  }
}
