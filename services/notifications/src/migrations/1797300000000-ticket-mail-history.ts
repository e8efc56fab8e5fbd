import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/** The workspace reads a ticket's mails by its number, sent and received, oldest first. */
export class TicketMailHistory1797300000000 implements MigrationInterface {
  name = 'TicketMailHistory1797300000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(
      `CREATE INDEX deliveries_ticket_number_idx ON "${s}".deliveries (ticket_number, created_at, id)
       WHERE ticket_number IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX inbound_messages_ticket_number_idx ON "${s}".inbound_messages (ticket_number, received_at, id)
       WHERE ticket_number IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP INDEX "${s}".inbound_messages_ticket_number_idx`);
    await runner.query(`DROP INDEX "${s}".deliveries_ticket_number_idx`);
  }
}
