import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Attachment metadata. A file is first `staged` (no ticket, an expiry) and bound to a ticket later;
 * links are always on a ticket. The bytes live in the attachment store under `storage_key`.
 */
export class Attachments1796000000000 implements MigrationInterface {
  name = 'Attachments1796000000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".attachments (
        id uuid PRIMARY KEY,
        ticket_number integer CHECK (ticket_number > 0),
        owner_account_id uuid NOT NULL REFERENCES "${s}".accounts (id),
        kind text NOT NULL CHECK (kind IN ('file', 'link')),
        file_name text,
        content_type text,
        size_bytes bigint CHECK (size_bytes > 0),
        sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text UNIQUE,
        url text,
        title text,
        created_at timestamptz NOT NULL DEFAULT now(),
        attached_at timestamptz,
        expires_at timestamptz,
        CONSTRAINT attachments_file_fields CHECK (
          kind <> 'file' OR (file_name IS NOT NULL AND content_type IS NOT NULL AND size_bytes IS NOT NULL
                             AND sha256 IS NOT NULL AND storage_key IS NOT NULL AND url IS NULL)),
        CONSTRAINT attachments_link_fields CHECK (
          kind <> 'link' OR (url IS NOT NULL AND storage_key IS NULL AND ticket_number IS NOT NULL)),
        CONSTRAINT attachments_staged_or_attached CHECK (
          (ticket_number IS NULL AND expires_at IS NOT NULL AND attached_at IS NULL)
          OR (ticket_number IS NOT NULL AND expires_at IS NULL AND attached_at IS NOT NULL))
      )`);
    await runner.query(
      `CREATE INDEX attachments_by_ticket ON "${s}".attachments (ticket_number, attached_at, id)
       WHERE ticket_number IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX attachments_staged_expiry ON "${s}".attachments (expires_at) WHERE ticket_number IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".attachments`);
  }
}
