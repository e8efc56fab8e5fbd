import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Who is told what, as data: the default rules (issue "Notifications"), the copy of ticket facts that
 * lifecycle events do not carry, per-recipient opt-outs, and the thread reference of each mail.
 */
export class NotificationRules1763800006000 implements MigrationInterface {
  name = 'NotificationRules1763800006000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // Filled from `ticket.registered`; lifecycle events carry only the ticket id and number.
    // registration_event_id derives the registration mail's Message-ID, which later mails reply to.
    await runner.query(`
      CREATE TABLE "${s}".tickets (
        ticket_id uuid PRIMARY KEY,
        number bigint NOT NULL,
        requester_email text NOT NULL,
        requester_name text NOT NULL,
        title text NOT NULL,
        jurisdiction text NOT NULL,
        registration_event_id uuid NOT NULL,
        registered_at timestamptz NOT NULL
      )`);
    // An essential rule ignores opt-outs. recipient_kind: requester | area-mailbox | supervisors | operator.
    await runner.query(`
      CREATE TABLE "${s}".notification_rules (
        event_type text NOT NULL,
        recipient_kind text NOT NULL CHECK (recipient_kind IN ('requester', 'area-mailbox', 'supervisors', 'operator')),
        enabled boolean NOT NULL DEFAULT true,
        essential boolean NOT NULL DEFAULT false,
        PRIMARY KEY (event_type, recipient_kind)
      )`);
    await runner.query(`
      INSERT INTO "${s}".notification_rules (event_type, recipient_kind, enabled, essential) VALUES
        ('ticket.registered', 'requester', true, true),
        ('ticket.escalated', 'area-mailbox', true, false),
        ('ticket.solution-returned', 'area-mailbox', true, false),
        ('ticket.resolved', 'requester', true, false),
        ('ticket.resolved', 'supervisors', true, false),
        ('ticket.review-rejected', 'operator', true, false),
        ('ticket.closed', 'requester', true, false),
        ('ticket.reopened', 'requester', true, false),
        ('ticket.sla-breached', 'supervisors', true, false)`);
    // No row means the default: mails wanted.
    await runner.query(`
      CREATE TABLE "${s}".preferences (
        email text NOT NULL,
        event_type text NOT NULL,
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (email, event_type)
      )`);
    await runner.query(`ALTER TABLE "${s}".deliveries ADD COLUMN thread_message_id text`);
    // Administrators list failed (and pending) mails, newest first.
    await runner.query(`CREATE INDEX deliveries_status_idx ON "${s}".deliveries (status, created_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP INDEX "${s}".deliveries_status_idx`);
    await runner.query(`ALTER TABLE "${s}".deliveries DROP COLUMN thread_message_id`);
    await runner.query(`DROP TABLE "${s}".preferences`);
    await runner.query(`DROP TABLE "${s}".notification_rules`);
    await runner.query(`DROP TABLE "${s}".tickets`);
  }
}
