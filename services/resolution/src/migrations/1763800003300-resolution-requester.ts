import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Who the requester is, beyond the address: a survey answered by link (no account, e.g. a ticket
 * registered by phone) is attributed to the requester by intake's id and name. Tickets registered before
 * this migration keep NULL (their link surveys name the requester by address only).
 */
export class ResolutionRequester1763800003300 implements MigrationInterface {
  name = 'ResolutionRequester1763800003300';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".tickets ADD COLUMN requester_id uuid, ADD COLUMN requester_name text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".tickets DROP COLUMN requester_id, DROP COLUMN requester_name`);
  }
}
