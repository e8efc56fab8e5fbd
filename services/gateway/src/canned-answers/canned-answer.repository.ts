import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sql, type Compilable, type InferResult } from 'kysely';
import { ServiceRuntime } from '@cau/messaging';
import { fetchFirst, fetchRows } from '@cau/persistence';
import { gatewayRows } from '../rows.js';

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

/** PostgreSQL's unique_violation: the area already has an answer with that title. */
const UNIQUE_VIOLATION = '23505';

export type CannedSaveOutcome = { saved: CannedAnswer } | { duplicateTitle: true } | { notFound: true };

/** The areas' canned answers, in the gateway schema, read with the name of whoever wrote them last. */
@Injectable()
export class CannedAnswerRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  private select() {
    return this.db
      .selectFrom('canned_answers as c')
      .innerJoin('accounts as a', 'a.id', 'c.updated_by')
      .select([
        'c.id',
        'c.area',
        'c.title',
        'c.body',
        'c.updated_by',
        'a.name as updated_by_name',
        'c.created_at',
        'c.updated_at',
      ]);
  }

  /** Up to `limit` answers, of one area or all, whose title or text contain `search` (any case). */
  async list(filter: { area?: string; search?: string }, limit: number): Promise<CannedAnswer[]> {
    const { area, search } = filter;
    const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '';
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.select()
        .$if(!!area, (q) => q.where('c.area', '=', area!))
        .$if(!!search, (q) => q.where((eb) => eb.or([eb('c.title', 'ilike', pattern), eb('c.body', 'ilike', pattern)])))
        .orderBy('c.area')
        .orderBy(sql`lower(c.title)`)
        .orderBy('c.id')
        .limit(limit),
    );
    return rows.map(toCannedAnswer);
  }

  async find(id: string, tx?: EntityManager): Promise<CannedAnswer | null> {
    const row = await fetchFirst(tx ?? this.runtime.dataSource, this.select().where('c.id', '=', id));
    return row ? toCannedAnswer(row) : null;
  }

  async insert(
    id: string,
    author: string,
    fields: Pick<CannedAnswer, 'area' | 'title' | 'body'>,
    tx?: EntityManager,
  ): Promise<CannedSaveOutcome> {
    return this.write(
      this.db
        .insertInto('canned_answers')
        .values({
          id,
          area: fields.area,
          title: fields.title,
          body: fields.body,
          created_by: author,
          updated_by: author,
        })
        .returning('id'),
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
      this.db
        .updateTable('canned_answers')
        .set({ title: fields.title, body: fields.body, updated_by: author, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .returning('id'),
      id,
      tx,
    );
  }

  async delete(id: string, tx?: EntityManager): Promise<boolean> {
    const rows = await fetchRows(
      tx ?? this.runtime.dataSource,
      this.db.deleteFrom('canned_answers').where('id', '=', id).returning('id'),
    );
    return rows.length > 0;
  }

  /** In a transaction, a duplicate title leaves it aborted: the caller must not write more in it. */
  private async write(query: Compilable<{ id: string }>, id: string, tx?: EntityManager): Promise<CannedSaveOutcome> {
    try {
      const rows: InferResult<typeof query> = await fetchRows(tx ?? this.runtime.dataSource, query);
      if (rows.length === 0) return { notFound: true };
    } catch (error) {
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return { duplicateTitle: true };
      throw error;
    }
    const saved = await this.find(id, tx);
    return saved ? { saved } : { notFound: true };
  }
}

type CannedAnswerRow = InferResult<ReturnType<CannedAnswerRepository['select']>>[number];

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
