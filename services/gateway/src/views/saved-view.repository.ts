import { Injectable } from '@nestjs/common';
import { sql, type Compilable, type InferResult } from 'kysely';
import { ServiceRuntime } from '@cau/messaging';
import { fetchFirst, fetchRows } from '@cau/persistence';
import { gatewayRows } from '../rows.js';

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

/** PostgreSQL's unique_violation: another view of the owner has that name. */
const UNIQUE_VIOLATION = '23505';

export type SaveOutcome = { saved: SavedView } | { duplicateName: true } | { notFound: true };

/** Saved queue views of the gateway schema, read with their owner's name. */
@Injectable()
export class SavedViewRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  private select() {
    return this.db
      .selectFrom('saved_views as v')
      .innerJoin('accounts as a', 'a.id', 'v.owner_account_id')
      .select([
        'v.id',
        'v.owner_account_id',
        'a.name as owner_name',
        'v.name',
        'v.query',
        'v.shared',
        'v.created_at',
        'v.updated_at',
      ]);
  }

  /** The owner's views and, after them, up to `sharedLimit` views others share, each group by name. */
  async listVisibleTo(accountId: string, sharedLimit: number): Promise<SavedView[]> {
    const own = await fetchRows(
      this.runtime.dataSource,
      this.select()
        .where('v.owner_account_id', '=', accountId)
        .orderBy(sql`lower(v.name)`)
        .orderBy('v.id'),
    );
    const shared = await fetchRows(
      this.runtime.dataSource,
      this.select()
        .where('v.shared', '=', true)
        .where('v.owner_account_id', '<>', accountId)
        .orderBy(sql`lower(v.name)`)
        .orderBy('v.id')
        .limit(sharedLimit),
    );
    return [...own, ...shared].map(toSavedView);
  }

  async find(id: string): Promise<SavedView | null> {
    const row = await fetchFirst(this.runtime.dataSource, this.select().where('v.id', '=', id));
    return row ? toSavedView(row) : null;
  }

  async countOwnedBy(accountId: string): Promise<number> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db
        .selectFrom('saved_views')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
        .where('owner_account_id', '=', accountId),
    );
    return row?.n ?? 0;
  }

  async insert(id: string, ownerAccountId: string, fields: SavedViewFields): Promise<SaveOutcome> {
    return this.write(
      this.db
        .insertInto('saved_views')
        .values({ id, owner_account_id: ownerAccountId, name: fields.name, query: fields.query, shared: fields.shared })
        .returning('id'),
      id,
    );
  }

  /** Changes a view of `ownerAccountId`; `notFound` when it has no view with that id. */
  async update(id: string, ownerAccountId: string, fields: SavedViewFields): Promise<SaveOutcome> {
    return this.write(
      this.db
        .updateTable('saved_views')
        .set({ name: fields.name, query: fields.query, shared: fields.shared, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('owner_account_id', '=', ownerAccountId)
        .returning('id'),
      id,
    );
  }

  /** Returns false when `ownerAccountId` has no view with that id. */
  async delete(id: string, ownerAccountId: string): Promise<boolean> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .deleteFrom('saved_views')
        .where('id', '=', id)
        .where('owner_account_id', '=', ownerAccountId)
        .returning('id'),
    );
    return rows.length > 0;
  }

  private async write(query: Compilable<{ id: string }>, id: string): Promise<SaveOutcome> {
    try {
      const rows: InferResult<typeof query> = await fetchRows(this.runtime.dataSource, query);
      if (rows.length === 0) return { notFound: true };
    } catch (error) {
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return { duplicateName: true };
      throw error;
    }
    const saved = await this.find(id);
    return saved ? { saved } : { notFound: true };
  }
}

type SavedViewRow = InferResult<ReturnType<SavedViewRepository['select']>>[number];

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
