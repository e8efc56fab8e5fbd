import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { gatewayRows } from '../rows.js';
import type { StoredFile } from '../attachments/attachment.repository.js';

export interface ArticleFileRecord {
  id: string;
  articleId: string;
  ownerAccountId: string;
  ownerName: string | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  createdAt: Date;
}

/** A file with the name of its owner (null once the account is gone). */
function selectFiles(db: typeof gatewayRows) {
  return db
    .selectFrom('article_files as f')
    .leftJoin('accounts as o', 'o.id', 'f.owner_account_id')
    .select([
      'f.id',
      'f.article_id',
      'f.owner_account_id',
      'o.name as owner_name',
      'f.file_name',
      'f.content_type',
      'f.size_bytes',
      'f.sha256',
      'f.storage_key',
      'f.created_at',
    ]);
}

type Row = InferResult<ReturnType<typeof selectFiles>>[number];

/** The metadata of articles' files (`gateway.article_files`); the bytes are the store's. */
@Injectable()
export class ArticleFileRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** In the request's order: each row's own clock time, not the transaction's. */
  async insert(owner: string, articleId: string, files: StoredFile[]): Promise<void> {
    await this.runtime.dataSource.transaction(async (tx) => {
      for (const file of files) {
        await execute(
          tx,
          this.db.insertInto('article_files').values({
            id: file.id,
            article_id: articleId,
            owner_account_id: owner,
            file_name: file.fileName,
            content_type: file.contentType,
            size_bytes: file.sizeBytes,
            sha256: file.sha256,
            storage_key: file.storageKey,
            created_at: sql<Date>`clock_timestamp()`,
          }),
        );
      }
    });
  }

  /** The article's files, oldest first. */
  async list(articleId: string): Promise<ArticleFileRecord[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      selectFiles(this.db).where('f.article_id', '=', articleId).orderBy('f.created_at').orderBy('f.id'),
    );
    return rows.map(toRecord);
  }

  async find(articleId: string, id: string): Promise<ArticleFileRecord | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      selectFiles(this.db).where('f.article_id', '=', articleId).where('f.id', '=', id),
    );
    return row ? toRecord(row) : null;
  }
}

function toRecord(row: Row): ArticleFileRecord {
  return {
    id: row.id,
    articleId: row.article_id,
    ownerAccountId: row.owner_account_id,
    ownerName: row.owner_name,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    storageKey: row.storage_key,
    createdAt: row.created_at,
  };
}
