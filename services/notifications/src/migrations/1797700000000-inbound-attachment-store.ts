import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Inbound mail attachments move to the attachment store the gateway serves files from: each row gets
 * an id (the one the attachments API names it by), its key in the store, its SHA-256 and the type
 * decided from its bytes. New rows never fill `content`; rows written before keep theirs until
 * notifications moves them into the store when it starts (InboundAttachmentBackfill), since the store's
 * settings (ATTACHMENTS_*) are the service's, not the migration's. The column is dropped by a later
 * migration, once every deployment has run the backfill.
 */
export class InboundAttachmentStore1797700000000 implements MigrationInterface {
  name = 'InboundAttachmentStore1797700000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE "${s}".inbound_attachments
        ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN storage_key text,
        ADD COLUMN sha256 text,
        ADD COLUMN detected_type text,
        ADD CONSTRAINT inbound_attachments_id_key UNIQUE (id)`);
    // The sender's display name, for "added by" in the ticket's attachment list.
    await runner.query(`ALTER TABLE "${s}".inbound_messages ADD COLUMN sender_name text`);
    await runner.query(
      `CREATE INDEX inbound_messages_ticket_idx ON "${s}".inbound_messages (ticket_number) WHERE ticket_number IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP INDEX "${s}".inbound_messages_ticket_idx`);
    await runner.query(`ALTER TABLE "${s}".inbound_messages DROP COLUMN sender_name`);
    await runner.query(`
      ALTER TABLE "${s}".inbound_attachments
        DROP CONSTRAINT inbound_attachments_id_key,
        DROP COLUMN detected_type,
        DROP COLUMN sha256,
        DROP COLUMN storage_key,
        DROP COLUMN id`);
  }
}
