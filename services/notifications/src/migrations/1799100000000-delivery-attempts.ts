import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Issue 10 (duplicate mails): the sender records that it is about to hand mails to the SMTP server,
 * committed before it sends; a mail found with such a record and no outcome was (perhaps) sent by a
 * sender that died before recording the outcome. It becomes `uncertain` instead of being sent again.
 * No foreign key: the record is written on a second connection while the claim holds the delivery's
 * row lock, which a key check would wait for.
 */
export class DeliveryAttempts1799100000000 implements MigrationInterface {
  name = 'DeliveryAttempts1799100000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".delivery_attempts (
        delivery_id uuid PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await runner.query(`ALTER TABLE "${s}".deliveries DROP CONSTRAINT deliveries_status_check`);
    await runner.query(
      `ALTER TABLE "${s}".deliveries ADD CONSTRAINT deliveries_status_check
         CHECK (status IN ('pending', 'sent', 'failed', 'uncertain'))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`UPDATE "${s}".deliveries SET status = 'failed' WHERE status = 'uncertain'`);
    await runner.query(`ALTER TABLE "${s}".deliveries DROP CONSTRAINT deliveries_status_check`);
    await runner.query(
      `ALTER TABLE "${s}".deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed'))`,
    );
    await runner.query(`DROP TABLE "${s}".delivery_attempts`);
  }
}
