import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Staff public replies are mailed to the requester and the jurisdiction's referente (internal notes never
 * are: the mail plans take only public staff comments), and an assignment to the person it names.
 */
export class ReplyAndAssignmentMails1797200000000 implements MigrationInterface {
  name = 'ReplyAndAssignmentMails1797200000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      INSERT INTO "${s}".notification_rules (event_type, recipient_kind, enabled, essential) VALUES
        ('ticket.commented', 'requester', true, false),
        ('ticket.commented', 'referente', true, false),
        ('ticket.taken', 'assigned-agent', true, false)
      ON CONFLICT DO NOTHING`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      DELETE FROM "${s}".notification_rules
       WHERE (event_type = 'ticket.commented' AND recipient_kind IN ('requester', 'referente'))
          OR (event_type = 'ticket.taken' AND recipient_kind = 'assigned-agent')`);
  }
}
