import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * Files and images of knowledge base articles. They belong to the article, not to one version, and are
 * never removed by an edit: every version's Markdown keeps pointing at files that still exist. Whether
 * a file may be read is the article's question (the knowledge service answers it); the bytes live in
 * the attachment store under `storage_key`.
 */
export class ArticleFiles1798530000000 implements MigrationInterface {
  name = 'ArticleFiles1798530000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".article_files (
        id uuid PRIMARY KEY,
        article_id uuid NOT NULL,
        owner_account_id uuid NOT NULL REFERENCES "${s}".accounts (id),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX article_files_by_article ON "${s}".article_files (article_id, created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".article_files`);
  }
}
