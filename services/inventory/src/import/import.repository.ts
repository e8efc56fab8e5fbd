import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { inventoryRows } from '../rows.js';

/** Imports nobody committed within this time are dropped (the uploader went away). */
const STALE_IMPORT_MINUTES = 60;

export interface StagedImport {
  accountId: string;
  header: string[];
  rows: Array<{ line: number; cells: string[] }>;
}

@Injectable()
export class ImportRepository {
  private readonly db = inventoryRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Opens the import on its first chunk; answers the account and header it was opened with. */
  async open(importId: string, accountId: string, header: string[]): Promise<{ accountId: string; header: string[] }> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db
        .with('opened', (db) =>
          db
            .insertInto('imports')
            .values({ id: importId, account_id: accountId, header: JSON.stringify(header) })
            .onConflict((conflict) => conflict.column('id').doNothing())
            .returning(['account_id', 'header']),
        )
        .selectFrom('opened')
        .select(['account_id', 'header'])
        .unionAll(this.db.selectFrom('imports').select(['account_id', 'header']).where('id', '=', importId)),
    );
    return { accountId: row!.account_id, header: row!.header };
  }

  /** A chunk sent twice (a retry) stores its rows once. */
  async stage(importId: string, rows: Array<[number, string[]]>): Promise<void> {
    const chunk = sql<{ r: unknown }>`jsonb_array_elements(${JSON.stringify(rows)}::jsonb)`.as('r');
    await execute(
      this.runtime.dataSource,
      this.db
        .insertInto('import_rows')
        .columns(['import_id', 'line', 'cells'])
        .expression((eb) =>
          eb
            .selectFrom(chunk)
            .select([
              eb.val(importId).as('import_id'),
              sql<number>`(r->>0)::int`.as('line'),
              sql<string>`r->1`.as('cells'),
            ]),
        )
        .onConflict((conflict) => conflict.columns(['import_id', 'line']).doNothing()),
    );
  }

  async load(importId: string): Promise<StagedImport | null> {
    const opened = await fetchFirst(
      this.runtime.dataSource,
      this.db.selectFrom('imports').select(['account_id', 'header']).where('id', '=', importId),
    );
    if (!opened) return null;
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db.selectFrom('import_rows').select(['line', 'cells']).where('import_id', '=', importId).orderBy('line'),
    );
    return { accountId: opened.account_id, header: opened.header, rows };
  }

  async drop(importId: string, tx: EntityManager = this.runtime.dataSource.manager): Promise<void> {
    await execute(tx, this.db.deleteFrom('imports').where('id', '=', importId));
  }

  async dropStale(): Promise<void> {
    await execute(
      this.runtime.dataSource,
      this.db
        .deleteFrom('imports')
        .where('started_at', '<', sql<Date>`now() - make_interval(mins => ${STALE_IMPORT_MINUTES})`),
    );
  }

  /**
   * After a large import: fresh statistics (until autovacuum gets to it the planner would believe the table
   * small and walk it in order instead of using the search indexes), and the trigram index's pending list
   * merged (every search reads that list whole: 15 ms per search after 100,000 rows, 2 ms once merged).
   */
  async settleAfterBulkWrite(): Promise<void> {
    // Maintenance that reads no row; the table and index are found on the pool's search_path.
    await this.runtime.dataSource.query(`ANALYZE equipment`);
    await this.runtime.dataSource.query(`SELECT gin_clean_pending_list('equipment_search_idx'::regclass)`);
  }

  /** Imports apply one at a time, and API edits wait for the import in progress. */
  async lockEquipment(tx: EntityManager): Promise<void> {
    // Locks and reads no row; the table is found on the pool's search_path.
    await tx.query(`LOCK TABLE equipment IN SHARE ROW EXCLUSIVE MODE`);
  }
}
