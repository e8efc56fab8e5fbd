import { Injectable } from '@nestjs/common';
import { ServiceRuntime } from '@cau/messaging';
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

interface Row {
  id: string;
  article_id: string;
  owner_account_id: string;
  owner_name: string | null;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  created_at: Date;
}

const SELECT = `
  SELECT f.id, f.article_id, f.owner_account_id, o.name AS owner_name, f.file_name, f.content_type, f.size_bytes,
         f.sha256, f.storage_key, f.created_at
  FROM "$S".article_files f LEFT JOIN "$S".accounts o ON o.id = f.owner_account_id`;

/** The metadata of articles' files (`gateway.article_files`); the bytes are the store's. */
@Injectable()
export class ArticleFileRepository {
  private readonly select: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.select = SELECT.replaceAll('$S', runtime.schema);
  }

  /** In the request's order: each row's own clock time, not the transaction's. */
  async insert(owner: string, articleId: string, files: StoredFile[]): Promise<void> {
    const s = this.runtime.schema;
    await this.runtime.dataSource.transaction(async (tx) => {
      for (const file of files) {
        await tx.query(
          `INSERT INTO "${s}".article_files
             (id, article_id, owner_account_id, file_name, content_type, size_bytes, sha256, storage_key, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp())`,
          [file.id, articleId, owner, file.fileName, file.contentType, file.sizeBytes, file.sha256, file.storageKey],
        );
      }
    });
  }

  /** The article's files, oldest first. */
  async list(articleId: string): Promise<ArticleFileRecord[]> {
    const rows: Row[] = await this.runtime.dataSource.query(
      `${this.select} WHERE f.article_id = $1 ORDER BY f.created_at, f.id`,
      [articleId],
    );
    return rows.map(toRecord);
  }

  async find(articleId: string, id: string): Promise<ArticleFileRecord | null> {
    const rows: Row[] = await this.runtime.dataSource.query(`${this.select} WHERE f.article_id = $1 AND f.id = $2`, [
      articleId,
      id,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
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
