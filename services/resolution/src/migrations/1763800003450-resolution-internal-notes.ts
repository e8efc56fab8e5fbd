import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Internal notes (staff only) beside public comments. Comments written before were all public, which the
 * default says.
 */
export class ResolutionInternalNotes1763800003450 implements MigrationInterface {
  name = 'ResolutionInternalNotes1763800003450';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".ticket_comments ADD COLUMN internal boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".ticket_comments DROP COLUMN internal`);
  }
}
