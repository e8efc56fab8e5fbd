import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Files attached to a mail (the spreadsheet of a scheduled report): kept in the delivery row with the
 * bodies, so every attempt sends the same message under the same Message-ID. Null: no attachment.
 */
export class DeliveryAttachments1798300000100 implements MigrationInterface {
  name = 'DeliveryAttachments1798300000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".deliveries ADD COLUMN attachments jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".deliveries DROP COLUMN attachments`);
  }
}
