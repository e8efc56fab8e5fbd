import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * A duplicate merged into its original (issue 12): its requester and the jurisdiction's referente are
 * told where the work goes on (the mail plan takes only the event on the duplicate's stream).
 */
export class MergedTicketMails1798200000200 implements MigrationInterface {
  name = 'MergedTicketMails1798200000200';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      INSERT INTO "${s}".notification_rules (event_type, recipient_kind, enabled, essential) VALUES
        ('ticket.merged', 'requester', true, false),
        ('ticket.merged', 'referente', true, false)
      ON CONFLICT DO NOTHING`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DELETE FROM "${s}".notification_rules WHERE event_type = 'ticket.merged'`);
  }
}
