import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The business calendars as last announced (`sla.calendars-changed`): reporting counts business minutes
 * on its copy of them, so each change is announced once, and an edit found at start (made in the database)
 * is announced too. `state` is the announced payload's text, compared as such.
 */
export class ResolutionCalendarAnnouncements1798520000000 implements MigrationInterface {
  name = 'ResolutionCalendarAnnouncements1798520000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".calendar_announcements (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL,
        state text NOT NULL
      )`);
    await runner.query(`INSERT INTO "${s}".calendar_announcements (version, state) VALUES (0, '')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".calendar_announcements`);
  }
}
