import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Announcements (issue 18). Never deleted: withdrawing sets `withdrawn_at`/`withdrawn_by`, and the
 * gateway's audit log keeps who changed what. The index on `tickets` finds a requester's latest ticket
 * (their jurisdiction, as intake's directory defines it) for the audience and for the mail.
 */
export class Announcements1799620000000 implements MigrationInterface {
  name = 'Announcements1799620000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".announcements (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('security-alert', 'planned-outage', 'bulletin')),
        title text NOT NULL,
        body text NOT NULL,
        language text NOT NULL,
        audience text NOT NULL CHECK (audience IN ('everyone', 'jurisdictions')),
        jurisdictions text[] NOT NULL DEFAULT '{}',
        valid_from timestamptz NOT NULL,
        valid_until timestamptz,
        send_mail boolean NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by_name text NOT NULL,
        created_by_email text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by_name text NOT NULL,
        updated_by_email text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_by_email text,
        withdrawn_at timestamptz,
        CHECK (valid_until IS NULL OR valid_until > valid_from)
      )`);
    await runner.query(
      `CREATE INDEX announcements_live_idx ON "${s}".announcements (valid_from) WHERE withdrawn_at IS NULL`,
    );
    await runner.query(
      `CREATE INDEX tickets_requester_latest_idx ON "${s}".tickets (requester_email, registered_at DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP INDEX "${s}".tickets_requester_latest_idx`);
    await runner.query(`DROP TABLE "${s}".announcements`);
  }
}
