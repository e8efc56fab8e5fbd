import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';

/** Imports nobody committed within this time are dropped (the uploader went away). */
const STALE_IMPORT_MINUTES = 60;

export interface StagedImport {
  accountId: string;
  header: string[];
  rows: Array<{ line: number; cells: string[] }>;
}

@Injectable()
export class ImportRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Opens the import on its first chunk; answers the account and header it was opened with. */
  async open(importId: string, accountId: string, header: string[]): Promise<{ accountId: string; header: string[] }> {
    const rows: Array<{ account_id: string; header: string[] }> = await this.runtime.dataSource.query(
      `WITH opened AS (
         INSERT INTO "${this.s}".imports (id, account_id, header) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (id) DO NOTHING RETURNING account_id, header)
       SELECT account_id, header FROM opened
       UNION ALL SELECT account_id, header FROM "${this.s}".imports WHERE id = $1`,
      [importId, accountId, JSON.stringify(header)],
    );
    return { accountId: rows[0]!.account_id, header: rows[0]!.header };
  }

  /** A chunk sent twice (a retry) stores its rows once. */
  async stage(importId: string, rows: Array<[number, string[]]>): Promise<void> {
    await this.runtime.dataSource.query(
      `INSERT INTO "${this.s}".import_rows (import_id, line, cells)
       SELECT $1, (r->>0)::int, r->1 FROM jsonb_array_elements($2::jsonb) AS r
       ON CONFLICT (import_id, line) DO NOTHING`,
      [importId, JSON.stringify(rows)],
    );
  }

  async load(importId: string): Promise<StagedImport | null> {
    const [opened]: Array<{ account_id: string; header: string[] }> = await this.runtime.dataSource.query(
      `SELECT account_id, header FROM "${this.s}".imports WHERE id = $1`,
      [importId],
    );
    if (!opened) return null;
    const rows: Array<{ line: number; cells: string[] }> = await this.runtime.dataSource.query(
      `SELECT line, cells FROM "${this.s}".import_rows WHERE import_id = $1 ORDER BY line`,
      [importId],
    );
    return { accountId: opened.account_id, header: opened.header, rows };
  }

  async drop(importId: string, tx: EntityManager = this.runtime.dataSource.manager): Promise<void> {
    await tx.query(`DELETE FROM "${this.s}".imports WHERE id = $1`, [importId]);
  }

  async dropStale(): Promise<void> {
    await this.runtime.dataSource.query(
      `DELETE FROM "${this.s}".imports WHERE started_at < now() - make_interval(mins => $1)`,
      [STALE_IMPORT_MINUTES],
    );
  }

  /**
   * After a large import: fresh statistics (until autovacuum gets to it the planner would believe the table
   * small and walk it in order instead of using the search indexes), and the trigram index's pending list
   * merged (every search reads that list whole: 15 ms per search after 100,000 rows, 2 ms once merged).
   */
  async settleAfterBulkWrite(): Promise<void> {
    await this.runtime.dataSource.query(`ANALYZE "${this.s}".equipment`);
    await this.runtime.dataSource.query(`SELECT gin_clean_pending_list($1::regclass)`, [
      `"${this.s}".equipment_search_idx`,
    ]);
  }

  /** Imports apply one at a time, and API edits wait for the import in progress. */
  async lockEquipment(tx: EntityManager): Promise<void> {
    await tx.query(`LOCK TABLE "${this.s}".equipment IN SHARE ROW EXCLUSIVE MODE`);
  }
}
