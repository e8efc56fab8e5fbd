import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

export class KnowledgeSchema1763800004000 implements MigrationInterface {
  name = 'KnowledgeSchema1763800004000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".tickets (
        ticket_id uuid PRIMARY KEY,
        number bigint NOT NULL UNIQUE,
        area text NOT NULL,
        priority text NOT NULL,

        routed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX tickets_area_idx ON "${s}".tickets (area)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".tickets`);
  }
}
