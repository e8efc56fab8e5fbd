import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * "Esto resolvió mi problema": one row each time someone solved their problem with an article instead
 * of reporting it (a repeat by the same account within SELF_SOLVED_WINDOW_SECONDS is not a new row).
 * The article's `selfSolved` counter is the count of its rows.
 */
export class KnowledgeSelfSolved1763800004500 implements MigrationInterface {
  name = 'KnowledgeSelfSolved1763800004500';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".article_self_solved (
        id uuid PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES "${s}".articles (id),
        account_id uuid NOT NULL,
        role text NOT NULL,
        query text,
        solved_at timestamptz NOT NULL
      )`);
    // Serves both the count per article and the "same account, recently?" check.
    await runner.query(
      `CREATE INDEX article_self_solved_article_idx ON "${s}".article_self_solved (article_id, account_id, solved_at DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".article_self_solved`);
  }
}
