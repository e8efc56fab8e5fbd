import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * WhatsApp media messages. The webhook's description of the file (media id, declared type and hash, a
 * document's name) is kept with the message, and the file fetched from the Cloud API goes to the
 * attachment store inbound mail uses; `whatsapp_attachments` records it, one row per message (so a
 * message processed again never fetches or stores its file twice), with the requester it came from for
 * the ticket's attachment list. A file that could not be received keeps its row without a key, with why
 * (`refusal`, which the ticket's text names, and `reason`, the detail for an administrator).
 */
export class WhatsappMedia1799650000000 implements MigrationInterface {
  name = 'WhatsappMedia1799650000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE "${s}".whatsapp_messages
        ADD COLUMN media_id text,
        ADD COLUMN media_mime_type text,
        ADD COLUMN media_sha256 text,
        ADD COLUMN media_file_name text`);
    await runner.query(`
      CREATE TABLE "${s}".whatsapp_attachments (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL UNIQUE REFERENCES "${s}".whatsapp_messages (id),
        file_name text NOT NULL,
        declared_type text,
        size_bytes bigint NOT NULL,
        storage_key text,
        sha256 text,
        detected_type text,
        refusal text CHECK (refusal IN ('size', 'type', 'empty', 'checksum', 'unavailable')),
        reason text,
        requester_email text NOT NULL,
        requester_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".whatsapp_attachments`);
    await runner.query(`
      ALTER TABLE "${s}".whatsapp_messages
        DROP COLUMN media_file_name,
        DROP COLUMN media_sha256,
        DROP COLUMN media_mime_type,
        DROP COLUMN media_id`);
  }
}
