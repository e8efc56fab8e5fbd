import { Injectable } from '@nestjs/common';
import { ServiceRuntime } from '@cau/messaging';

export interface SavedView {
  id: string;
  ownerAccountId: string;
  ownerName: string;
  name: string;
  query: string;
  shared: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type SavedViewFields = Pick<SavedView, 'name' | 'query' | 'shared'>;

interface SavedViewRow {
  id: string;
  owner_account_id: string;
  owner_name: string;
  name: string;
  query: string;
  shared: boolean;
  created_at: Date;
  updated_at: Date;
}

/** PostgreSQL's unique_violation: another view of the owner has that name. */
const UNIQUE_VIOLATION = '23505';

export type SaveOutcome = { saved: SavedView } | { duplicateName: true } | { notFound: true };

/** Saved queue views of the gateway schema, read with their owner's name. */
@Injectable()
export class SavedViewRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  private select(where: string): string {
    return `SELECT v.id, v.owner_account_id, a.name AS owner_name, v.name, v.query, v.shared, v.created_at, v.updated_at
            FROM "${this.s}".saved_views v JOIN "${this.s}".accounts a ON a.id = v.owner_account_id
            WHERE ${where}`;
  }

  /** The owner's views and, after them, up to `sharedLimit` views others share, each group by name. */
  async listVisibleTo(accountId: string, sharedLimit: number): Promise<SavedView[]> {
    const own: SavedViewRow[] = await this.runtime.dataSource.query(
      `${this.select('v.owner_account_id = $1')} ORDER BY lower(v.name), v.id`,
      [accountId],
    );
    const shared: SavedViewRow[] = await this.runtime.dataSource.query(
      `${this.select('v.shared AND v.owner_account_id <> $1')} ORDER BY lower(v.name), v.id LIMIT $2`,
      [accountId, sharedLimit],
    );
    return [...own, ...shared].map(toSavedView);
  }

  async find(id: string): Promise<SavedView | null> {
    const rows: SavedViewRow[] = await this.runtime.dataSource.query(this.select('v.id = $1'), [id]);
    return rows[0] ? toSavedView(rows[0]) : null;
  }

  async countOwnedBy(accountId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM "${this.s}".saved_views WHERE owner_account_id = $1`,
      [accountId],
    );
    return rows[0]?.n ?? 0;
  }

  async insert(id: string, ownerAccountId: string, fields: SavedViewFields): Promise<SaveOutcome> {
    return this.write(
      `INSERT INTO "${this.s}".saved_views (id, owner_account_id, name, query, shared) VALUES ($1, $2, $3, $4, $5)
       RETURNING id`,
      [id, ownerAccountId, fields.name, fields.query, fields.shared],
      id,
    );
  }

  /** Changes a view of `ownerAccountId`; `notFound` when it has no view with that id. */
  async update(id: string, ownerAccountId: string, fields: SavedViewFields): Promise<SaveOutcome> {
    return this.write(
      `WITH updated AS (
         UPDATE "${this.s}".saved_views SET name = $3, query = $4, shared = $5, updated_at = now()
         WHERE id = $1 AND owner_account_id = $2 RETURNING id
       ) SELECT id FROM updated`,
      [id, ownerAccountId, fields.name, fields.query, fields.shared],
      id,
    );
  }

  /** Returns false when `ownerAccountId` has no view with that id. */
  async delete(id: string, ownerAccountId: string): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.runtime.dataSource.query(
      `WITH deleted AS (
         DELETE FROM "${this.s}".saved_views WHERE id = $1 AND owner_account_id = $2 RETURNING id
       ) SELECT id FROM deleted`,
      [id, ownerAccountId],
    );
    return rows.length > 0;
  }

  private async write(sql: string, params: unknown[], id: string): Promise<SaveOutcome> {
    try {
      const rows: Array<{ id: string }> = await this.runtime.dataSource.query(sql, params);
      if (rows.length === 0) return { notFound: true };
    } catch (error) {
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return { duplicateName: true };
      throw error;
    }
    const saved = await this.find(id);
    return saved ? { saved } : { notFound: true };
  }
}

function toSavedView(row: SavedViewRow): SavedView {
  return {
    id: row.id,
    ownerAccountId: row.owner_account_id,
    ownerName: row.owner_name,
    name: row.name,
    query: row.query,
    shared: row.shared,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
