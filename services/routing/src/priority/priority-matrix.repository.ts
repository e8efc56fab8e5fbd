import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { parsePriorityMatrix, type PriorityMatrix } from './priority-matrix.js';

/** The matrix changes rarely; routing a ticket must not cost a query for it. */
const MATRIX_CACHE_MS = 5_000;

@Injectable()
export class PriorityMatrixRepository {
  private readonly s: string;
  private cached: { value: PriorityMatrix; loadedAt: number } | null = null;
  private generation = 0;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

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
    const rows: Array<{ impact: string; urgency: string; priority: string }> = await tx.query(
      `SELECT impact, urgency, priority FROM "${this.s}".priority_matrix`,
    );
    const nested: Record<string, Record<string, string>> = {};
    for (const row of rows) (nested[row.impact] ??= {})[row.urgency] = row.priority;
    return parsePriorityMatrix(nested);
  }

  async save(matrix: PriorityMatrix, tx: EntityManager = this.runtime.dataSource.manager): Promise<void> {
    const cells = Object.entries(matrix).flatMap(([impact, row]) =>
      Object.entries(row).map(([urgency, priority]) => ({ impact, urgency, priority })),
    );
    await tx.query(
      `INSERT INTO "${this.s}".priority_matrix (impact, urgency, priority)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (impact, urgency) DO UPDATE SET priority = EXCLUDED.priority`,
      [cells.map((c) => c.impact), cells.map((c) => c.urgency), cells.map((c) => c.priority)],
    );
  }

  /** Serialises edits, so the recorded editor is the one whose matrix is stored. */
  async lockForEdit(tx: EntityManager): Promise<void> {
    await tx.query(`LOCK TABLE "${this.s}".priority_matrix IN SHARE ROW EXCLUSIVE MODE`);
  }

  async recordEdit(tx: EntityManager, accountId: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".priority_matrix_edits (singleton, edited_by, edited_at) VALUES (true, $1, $2)
       ON CONFLICT (singleton) DO UPDATE SET edited_by = EXCLUDED.edited_by, edited_at = EXCLUDED.edited_at`,
      [accountId, at],
    );
  }

  /** Whether an administrator has ever edited the matrix through the API. */
  async wasEdited(): Promise<boolean> {
    const rows: unknown[] = await this.runtime.dataSource.query(
      `SELECT 1 FROM "${this.s}".priority_matrix_edits LIMIT 1`,
    );
    return rows.length > 0;
  }
}
