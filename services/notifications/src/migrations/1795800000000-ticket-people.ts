import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The people of a ticket who are mailed at their own address: the jurisdiction's referente (from
 * configuration), the agent who last held the ticket in each area, and the operator who submitted its
 * solution. The default rules for them are added here.
 */
export class TicketPeople1795800000000 implements MigrationInterface {
  name = 'TicketPeople1795800000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // duty: 'assignee' (one per area the ticket passed through) or 'submitter' (area of the submission).
    // `at` is the step's time: a late, older event never replaces a newer holder.
    await runner.query(`
      CREATE TABLE "${s}".ticket_people (
        ticket_id uuid NOT NULL,
        duty text NOT NULL CHECK (duty IN ('assignee', 'submitter')),
        area text NOT NULL,
        account_id uuid NOT NULL,
        name text NOT NULL,
        email text,
        at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, duty, area)
      )`);
    await runner.query(`ALTER TABLE "${s}".notification_rules DROP CONSTRAINT notification_rules_recipient_kind_check`);
    await runner.query(`
      ALTER TABLE "${s}".notification_rules ADD CONSTRAINT notification_rules_recipient_kind_check
        CHECK (recipient_kind IN ('requester', 'area-mailbox', 'supervisors', 'operator', 'referente', 'assigned-agent'))`);
    await runner.query(`
      INSERT INTO "${s}".notification_rules (event_type, recipient_kind, enabled, essential) VALUES
        ('ticket.registered', 'referente', true, false),
        ('ticket.resolved', 'referente', true, false),
        ('ticket.closed', 'referente', true, false),
        ('ticket.reopened', 'referente', true, false),
        ('ticket.escalated', 'assigned-agent', true, false),
        ('ticket.solution-returned', 'assigned-agent', true, false)
      ON CONFLICT DO NOTHING`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DELETE FROM "${s}".notification_rules WHERE recipient_kind IN ('referente', 'assigned-agent')`);
    await runner.query(`ALTER TABLE "${s}".notification_rules DROP CONSTRAINT notification_rules_recipient_kind_check`);
    await runner.query(`
      ALTER TABLE "${s}".notification_rules ADD CONSTRAINT notification_rules_recipient_kind_check
        CHECK (recipient_kind IN ('requester', 'area-mailbox', 'supervisors', 'operator'))`);
    await runner.query(`DROP TABLE "${s}".ticket_people`);
  }
}
