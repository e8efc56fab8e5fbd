import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ActorV1, ReadModelRebuildV1 } from '@cau/contracts';
import { MESSAGING_MIGRATIONS, ServiceRuntime, type BatchScope } from '@cau/messaging';
import {
  compiledOnce,
  createServiceDataSource,
  execute,
  fetchFirst,
  fetchRows,
  migrateSchema,
  rowQueries,
} from '@cau/persistence';
import { REPORTING_MIGRATIONS } from '../migrations/index.js';
import { READ_MODELS_DURABLE } from '../read-models.js';
import { reportingRows } from '../rows.js';
import type { ReadModelRebuilds } from '../rows.generated.js';

/** A rebuild whose heartbeat is older than this belongs to an instance that stopped; another may start. */
const ABANDONED_AFTER = '2 minutes';

/**
 * The messaging library's inbox (its own migration, so not among reporting's generated types): what a
 * rebuild writes of it.
 */
interface MessagingInbox {
  inbox: { consumer: string; event_id: string };
}

/** What the swap reads of PostgreSQL's catalogue (found on every search path), to find its functions. */
interface FunctionCatalogue {
  pg_proc: { oid: number; pronamespace: number; prosrc: string };
  pg_namespace: { oid: number; nspname: string };
}

/**
 * The rebuild's bookkeeping and its schema operations. The read models are rebuilt in a shadow schema
 * made by the service's own migrations, then swapped in by renaming the two schemas in one transaction.
 * Live event handlers take a shared advisory lock first (`admit`), the swap takes it exclusively, so no
 * handler commits into the old schema between the swap's last read of the stream and its commit.
 */
@Injectable()
export class RebuildRepository {
  private readonly s: string;
  /** Named with its schema: the live one, where the bookkeeping is kept and events are admitted. */
  private readonly db: typeof reportingRows;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
    this.db = reportingRows.withSchema(runtime.schema);
  }

  get shadowSchema(): string {
    return `${this.s}_rebuild`;
  }

  private get lockKey(): string {
    return `cau-rebuild:${this.s}`;
  }

  /**
   * Called by the live consumer before an event touches the read models: waits while a swap is under way,
   * and leaves out an event the rebuild already applied (its path step, or its field event, is there). Both
   * are done once per batch, for all of its events: the lock is the transaction's, and the second statement
   * runs after it, so it sees, and names, the schema as it is once a swap committed.
   */
  async admit(eventId: string, tx: EntityManager, batch: BatchScope): Promise<boolean> {
    const applied = await batch.once('rebuild:applied', async () => {
      await this.holdOffSwap(tx);
      return this.appliedAmong(tx, batch.eventIds);
    });
    return !applied.has(eventId.toLowerCase());
  }

  /** Which of these events the read models already hold (lower-case ids). */
  private async appliedAmong(tx: EntityManager, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await fetchRows(tx, this.appliedStatement({ eventIds: [...eventIds] }));
    return new Set(rows.map((row) => row.event_id.toLowerCase()));
  }

  /** Built once (`compiledOnce`): every batch of events asks it. */
  private readonly appliedStatement = compiledOnce((v: { eventIds: string[] }) => {
    const among = sql<string>`ANY(${v.eventIds}::uuid[])`;
    return this.db
      .selectFrom('ticket_timeline')
      .select('event_id')
      .where('event_id', '=', among)
      .union(this.db.selectFrom('field_events').select('event_id').where('event_id', '=', among));
  });

  /**
   * Makes a swap wait until `tx` ends, or `tx` wait until a swap in progress ends: taken first by every
   * transaction that writes the live schema's tables (live handlers, scheduled reports, schedules), so none
   * writes into the schema being retired after the swap copied it.
   */
  async holdOffSwap(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [this.lockKey]);
  }

  /** Records an event as applied in the shadow's inbox; false when it already was (a duplicate). */
  async firstInShadow(tx: EntityManager, eventId: string): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      rowQueries<MessagingInbox>()
        .withSchema(this.shadowSchema)
        .insertInto('inbox')
        .values({ consumer: READ_MODELS_DURABLE, event_id: eventId })
        .onConflict((conflict) => conflict.doNothing())
        .returning(sql.lit(1).as('inserted')),
    );
    return rows.length === 1;
  }

  /** Starts a rebuild's row; false when another rebuild is running (and alive). */
  async claim(id: string, actor: ActorV1): Promise<boolean> {
    return this.runtime.dataSource.transaction(async (tx) => {
      await execute(
        tx,
        this.db
          .updateTable('read_model_rebuilds')
          .set({ state: 'failed', finished_at: now, error: 'abandoned: its instance stopped' })
          .where('state', '=', 'running')
          .where('heartbeat_at', '<', sql<Date>`now() - ${sql.lit(ABANDONED_AFTER)}::interval`),
      );
      const rows = await fetchRows(
        tx,
        this.db
          .insertInto('read_model_rebuilds')
          .values({ id, state: 'running', requested_by: JSON.stringify(actor) })
          .onConflict((conflict) => conflict.doNothing())
          .returning('id'),
      );
      return rows.length === 1;
    });
  }

  async running(): Promise<ReadModelRebuildV1 | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db.selectFrom('read_model_rebuilds').selectAll().where('state', '=', 'running'),
    );
    return row ? toRebuild(row) : null;
  }

  async get(id: string): Promise<ReadModelRebuildV1 | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db.selectFrom('read_model_rebuilds').selectAll().where('id', '=', id),
    );
    return row ? toRebuild(row) : null;
  }

  async progress(id: string, progress: { targetSeq: number; replayedSeq: number; applied: number }): Promise<void> {
    await execute(
      this.runtime.dataSource,
      this.db
        .updateTable('read_model_rebuilds')
        .set({
          target_seq: progress.targetSeq,
          replayed_seq: progress.replayedSeq,
          events_applied: progress.applied,
          heartbeat_at: now,
        })
        .where('id', '=', id),
    );
  }

  async finish(id: string, error: string | null): Promise<void> {
    await execute(
      this.runtime.dataSource,
      this.db
        .updateTable('read_model_rebuilds')
        .set({ state: error === null ? 'done' : 'failed', error, finished_at: now, heartbeat_at: now })
        .where('id', '=', id),
    );
  }

  /** An empty shadow schema with every table, index and function of the live one (same migrations). */
  async createShadow(zone: string): Promise<void> {
    await this.dropSchema(this.shadowSchema);
    const shadow = createServiceDataSource({
      database: this.runtime.database,
      schema: this.shadowSchema,
      migrations: [...MESSAGING_MIGRATIONS, ...REPORTING_MIGRATIONS],
    });
    await shadow.initialize();
    try {
      await migrateSchema(shadow);
    } finally {
      await shadow.destroy();
    }
    // The replay keeps kpi_daily in `zone`, as the live service does.
    await execute(
      this.runtime.dataSource,
      reportingRows.withSchema(this.shadowSchema).updateTable('kpi_daily_state').set({ zone }),
    );
  }

  async dropSchema(schema: string): Promise<void> {
    await this.runtime.dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }

  /** Makes live handlers wait until `tx` ends (see `admit`). */
  async lockOutLiveHandlers(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.lockKey]);
  }

  /**
   * In the swap's transaction: carries over what is not derived from events (the inbox, so events applied
   * live stay applied; the consumer's failure counts; unsent outbox rows; the rebuild rows; report schedules and runs; the
   * targets per field step), then renames the schemas. The old schema
   * is kept as `retired` for the caller to drop once committed.
   */
  async swap(tx: EntityManager, retired: string): Promise<void> {
    const live = `"${this.s}"`;
    const shadow = `"${this.shadowSchema}"`;
    // Rows go from schema to schema inside PostgreSQL, none is read here: `SELECT *` carries a column a new
    // migration adds without its being listed, so these (and the renames) stay statements naming both schemas.
    await tx.query(`INSERT INTO ${shadow}.inbox SELECT * FROM ${live}.inbox ON CONFLICT DO NOTHING`);
    await tx.query(`INSERT INTO ${shadow}.consumer_failures SELECT * FROM ${live}.consumer_failures`);
    await tx.query(`INSERT INTO ${shadow}.outbox SELECT * FROM ${live}.outbox`);
    await tx.query(
      `SELECT setval(pg_get_serial_sequence('${shadow}.outbox', 'seq'),
                     GREATEST((SELECT max(seq) FROM ${live}.outbox), 1))`,
    );
    await tx.query(`INSERT INTO ${shadow}.read_model_rebuilds SELECT * FROM ${live}.read_model_rebuilds`);
    await tx.query(`INSERT INTO ${shadow}.report_schedules SELECT * FROM ${live}.report_schedules`);
    await tx.query(`INSERT INTO ${shadow}.report_runs SELECT * FROM ${live}.report_runs`);
    await tx.query(
      `INSERT INTO ${shadow}.step_targets SELECT * FROM ${live}.step_targets
       ON CONFLICT (step) DO UPDATE
         SET minutes = EXCLUDED.minutes, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    );
    await tx.query(`ALTER SCHEMA ${live} RENAME TO "${retired}"`);
    await tx.query(`ALTER SCHEMA ${shadow} RENAME TO ${live}`);
    // SQL functions keep their body as text: those naming the shadow schema (the search functions call
    // each other by qualified name) are redefined with the live name. CREATE OR REPLACE keeps each
    // function's identity, so the generated search column and its index keep using it.
    const functions = await fetchRows(
      tx,
      rowQueries<FunctionCatalogue>()
        .selectFrom('pg_proc as p')
        .innerJoin('pg_namespace as n', 'n.oid', 'p.pronamespace')
        .select((eb) => eb.fn<string>('pg_get_functiondef', ['p.oid']).as('definition'))
        .where('n.nspname', '=', this.s)
        .where((eb) => eb(eb.fn<number>('strpos', ['p.prosrc', eb.val(`${shadow}.`)]), '>', 0)),
    );
    for (const { definition } of functions) await tx.query(definition.split(`${shadow}.`).join(`${live}.`));
  }
}

/** The transaction's start, as `now()` in SQL. */
const now = sql<Date>`now()`;

function toRebuild(row: Selectable<ReadModelRebuilds>): ReadModelRebuildV1 {
  return {
    id: row.id,
    state: row.state,
    targetSeq: Number(row.target_seq),
    replayedSeq: Number(row.replayed_seq),
    eventsApplied: Number(row.events_applied),
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    error: row.error,
  };
}
