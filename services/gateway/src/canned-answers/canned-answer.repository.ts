import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';

export interface CannedAnswer {
  id: string;
  area: string;
  title: string;
  body: string;
  updatedByAccountId: string;
  updatedByName: string;
  createdAt: Date;
  updatedAt: Date;
}

interface CannedAnswerRow {
  id: string;
  area: string;
  title: string;
  body: string;
  updated_by: string;
  updated_by_name: string;
  created_at: Date;
  updated_at: Date;
}

/** PostgreSQL's unique_violation: the area already has an answer with that title. */
const UNIQUE_VIOLATION = '23505';

export type CannedSaveOutcome = { saved: CannedAnswer } | { duplicateTitle: true } | { notFound: true };

/** The areas' canned answers, in the gateway schema, read with the name of whoever wrote them last. */
@Injectable()
export class CannedAnswerRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  private select(where: string): string {
    return `SELECT c.id, c.area, c.title, c.body, c.updated_by, a.name AS updated_by_name, c.created_at, c.updated_at
            FROM "${this.s}".canned_answers c JOIN "${this.s}".accounts a ON a.id = c.updated_by
            WHERE ${where}`;
  }

  /** Up to `limit` answers, of one area or all, whose title or text contain `search` (any case). */
  async list(filter: { area?: string; search?: string }, limit: number): Promise<CannedAnswer[]> {
    const params: unknown[] = [];
    const where: string[] = ['true'];
    if (filter.area) {
      params.push(filter.area);
      where.push(`c.area = $${params.length}`);
    }
    if (filter.search) {
      params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(c.title ILIKE $${params.length} OR c.body ILIKE $${params.length})`);
    }
    params.push(limit);
    const rows: CannedAnswerRow[] = await this.runtime.dataSource.query(
      `${this.select(where.join(' AND '))} ORDER BY c.area, lower(c.title), c.id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toCannedAnswer);
  }

  async find(id: string, tx?: EntityManager): Promise<CannedAnswer | null> {
    const rows: CannedAnswerRow[] = await (tx ?? this.runtime.dataSource).query(this.select('c.id = $1'), [id]);
    return rows[0] ? toCannedAnswer(rows[0]) : null;
  }

  async insert(
    id: string,
    author: string,
    fields: Pick<CannedAnswer, 'area' | 'title' | 'body'>,
    tx?: EntityManager,
  ): Promise<CannedSaveOutcome> {
    return this.write(
      `INSERT INTO "${this.s}".canned_answers (id, area, title, body, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [id, fields.area, fields.title, fields.body, author],
      id,
      tx,
    );
  }

  async update(
    id: string,
    author: string,
    fields: Pick<CannedAnswer, 'title' | 'body'>,
    tx?: EntityManager,
  ): Promise<CannedSaveOutcome> {
    return this.write(
      // Through a CTE: the driver answers a bare UPDATE with a row count, not its RETURNING rows.
      `WITH updated AS (
         UPDATE "${this.s}".canned_answers SET title = $2, body = $3, updated_by = $4, updated_at = now()
         WHERE id = $1 RETURNING id
       ) SELECT id FROM updated`,
      [id, fields.title, fields.body, author],
      id,
      tx,
    );
  }

  async delete(id: string, tx?: EntityManager): Promise<boolean> {
    const rows: Array<{ id: string }> = await (tx ?? this.runtime.dataSource).query(
      `WITH deleted AS (DELETE FROM "${this.s}".canned_answers WHERE id = $1 RETURNING id) SELECT id FROM deleted`,
      [id],
    );
    return rows.length > 0;
  }

  /** In a transaction, a duplicate title leaves it aborted: the caller must not write more in it. */
  private async write(sql: string, params: unknown[], id: string, tx?: EntityManager): Promise<CannedSaveOutcome> {
    try {
      const rows: Array<{ id: string }> = await (tx ?? this.runtime.dataSource).query(sql, params);
      if (rows.length === 0) return { notFound: true };
    } catch (error) {
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return { duplicateTitle: true };
      throw error;
    }
    const saved = await this.find(id, tx);
    return saved ? { saved } : { notFound: true };
  }
}

function toCannedAnswer(row: CannedAnswerRow): CannedAnswer {
  return {
    id: row.id,
    area: row.area,
    title: row.title,
    body: row.body,
    updatedByAccountId: row.updated_by,
    updatedByName: row.updated_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
