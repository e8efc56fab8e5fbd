import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * What was last announced of each ticket's service level (`ticket.service-level-changed`): the announcer
 * compares the ticket's targets with it and emits only real changes. NULL: nothing announced yet; tickets
 * older than the event are announced once by the start-up backfill, which looks for these rows.
 */
export class ResolutionServiceLevelAnnounced1763800003600 implements MigrationInterface {
  name = 'ResolutionServiceLevelAnnounced1763800003600';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".tickets ADD COLUMN announced_service_level jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE "${s}".tickets DROP COLUMN announced_service_level`);
  }
}
