import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/** The article list reads newest edits first and resumes after (updated_at, id): one index serves both. */
export class KnowledgeArticleList1763800004400 implements MigrationInterface {
  name = 'KnowledgeArticleList1763800004400';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`CREATE INDEX articles_updated_idx ON "${s}".articles (updated_at DESC, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP INDEX "${s}".articles_updated_idx`);
  }
}
