import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Issue 15 (docs/domain.md § Field service): a ticket with a recorded field visit or equipment out for repair is closed only with
 * the user's conformity, or with the supervisor's reason for closing without it. Inventory announces both;
 * this is resolution's copy, one row per field ticket, kept apart from `tickets` so an inventory event that
 * arrives before the registration is not lost.
 */
export class ResolutionFieldAttentions1799100000200 implements MigrationInterface {
  name = 'ResolutionFieldAttentions1799100000200';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".field_attentions (
        ticket_id uuid PRIMARY KEY,
        -- The latest recorded visit or repair leaving: work a sign-off must come after.
        last_work_at timestamptz,
        -- The latest sign-off, and whether the user gave their conformity in it.
        signed_off_at timestamptz,
        conforme boolean
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".field_attentions`);
  }
}
