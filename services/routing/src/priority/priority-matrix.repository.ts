import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { routingRows } from '../rows.js';
import { parsePriorityMatrix, type PriorityMatrix } from './priority-matrix.js';

/** The matrix changes rarely; routing a ticket must not cost a query for it. */
const MATRIX_CACHE_MS = 5_000;

@Injectable()
export class PriorityMatrixRepository {
  private readonly db = routingRows;
  private cached: { value: PriorityMatrix; loadedAt: number } | null = null;
  private generation = 0;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** For the hot path: an edit on this instance drops the cache at once, other instances follow within seconds. */
  async current(tx: EntityManager): Promise<PriorityMatrix> {
    if (this.cached && Date.now() - this.cached.loadedAt <= MATRIX_CACHE_MS) return this.cached.value;
    const generation = this.generation;
    const value = await this.load(tx);
    // A load that overlapped an edit may have read the old matrix: use it, but do not keep it.
    if (generation === this.generation) this.cached = { value, loadedAt: Date.now() };
    return value;
  }

  /** Call after an edit has committed (earlier, a concurrent load could cache the old matrix again). */
  invalidate(): void {
    this.generation++;
    this.cached = null;
  }

  async load(tx: EntityManager = this.runtime.dataSource.manager): Promise<PriorityMatrix> {
    // The cells stay text here: parsePriorityMatrix checks them once per load, not per routed ticket.
    const rows = await fetchRows(tx, this.db.selectFrom('priority_matrix').select(['impact', 'urgency', 'priority']));
    const nested: Record<string, Record<string, string>> = {};
    for (const row of rows) (nested[row.impact] ??= {})[row.urgency] = row.priority;
    return parsePriorityMatrix(nested);
  }

  async save(matrix: PriorityMatrix, tx: EntityManager = this.runtime.dataSource.manager): Promise<void> {
    const cells = Object.entries(matrix).flatMap(([impact, row]) =>
      Object.entries(row).map(([urgency, priority]) => ({ impact, urgency, priority })),
    );
    const t = sql<{ impact: string; urgency: string; priority: string }>`unnest(
      ${cells.map((c) => c.impact)}::text[], ${cells.map((c) => c.urgency)}::text[],
      ${cells.map((c) => c.priority)}::text[])`.as<'t'>(sql`t (impact, urgency, priority)`);
    await execute(
      tx,
      this.db
        .insertInto('priority_matrix')
        .columns(['impact', 'urgency', 'priority'])
        .expression((eb) => eb.selectFrom(t).select(['t.impact', 't.urgency', 't.priority']))
        .onConflict((conflict) =>
          conflict.columns(['impact', 'urgency']).doUpdateSet((eb) => ({ priority: eb.ref('excluded.priority') })),
        ),
    );
  }

  /** Serialises edits, so the recorded editor is the one whose matrix is stored. */
  async lockForEdit(tx: EntityManager): Promise<void> {
    // Locks and reads no row; the table is found on the pool's search_path.
    await tx.query(`LOCK TABLE priority_matrix IN SHARE ROW EXCLUSIVE MODE`);
  }

  async recordEdit(tx: EntityManager, accountId: string, at: Date): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('priority_matrix_edits')
        .values({ singleton: true, edited_by: accountId, edited_at: at })
        .onConflict((conflict) =>
          conflict.column('singleton').doUpdateSet((eb) => ({
            edited_by: eb.ref('excluded.edited_by'),
            edited_at: eb.ref('excluded.edited_at'),
          })),
        ),
    );
  }

  /** Whether an administrator has ever edited the matrix through the API. */
  async wasEdited(): Promise<boolean> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db
        .selectFrom('priority_matrix_edits')
        .select(sql<number>`1`.as('edited'))
        .limit(1),
    );
    return row !== null;
  }
}
