import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { parsePriorityMatrix, type PriorityMatrix } from './priority-matrix.js';

@Injectable()
export class PriorityMatrixRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async load(tx: EntityManager = this.runtime.dataSource.manager): Promise<PriorityMatrix> {
    const rows: Array<{ impact: string; urgency: string; priority: string }> = await tx.query(
      `SELECT impact, urgency, priority FROM "${this.s}".priority_matrix`,
    );
    const nested: Record<string, Record<string, string>> = {};
    for (const row of rows) (nested[row.impact] ??= {})[row.urgency] = row.priority;
    return parsePriorityMatrix(nested);
  }

  async save(matrix: PriorityMatrix): Promise<void> {
    const cells = Object.entries(matrix).flatMap(([impact, row]) =>
      Object.entries(row).map(([urgency, priority]) => ({ impact, urgency, priority })),
    );
    await this.runtime.dataSource.query(
      `INSERT INTO "${this.s}".priority_matrix (impact, urgency, priority)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (impact, urgency) DO UPDATE SET priority = EXCLUDED.priority`,
      [cells.map((c) => c.impact), cells.map((c) => c.urgency), cells.map((c) => c.priority)],
    );
  }
}
