import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorV1, ReadModelRebuildV1 } from '@cau/contracts';
import { MESSAGING_MIGRATIONS, ServiceRuntime } from '@cau/messaging';
import { createServiceDataSource, migrateSchema } from '@cau/persistence';
import { REPORTING_MIGRATIONS } from '../migrations/index.js';
import { READ_MODELS_DURABLE } from '../read-models.js';

/** A rebuild whose heartbeat is older than this belongs to an instance that stopped; another may start. */
const ABANDONED_AFTER = '2 minutes';

interface RebuildRow {
  id: string;
  state: ReadModelRebuildV1['state'];
  target_seq: string;
  replayed_seq: string;
  events_applied: string;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
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

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  get shadowSchema(): string {
    return `${this.s}_rebuild`;
  }

  private get lockKey(): string {
    return `cau-rebuild:${this.s}`;
  }

  /**
   * Called by the live consumer before an event touches the read models: waits while a swap is under way,
   * and leaves out an event the rebuild already applied (its path step, or its field event, is there). The second statement
   * runs after the lock, so it sees, and names, the schema as it is once a swap committed.
   */
  async admit(eventId: string, tx: EntityManager): Promise<boolean> {
    await this.holdOffSwap(tx);
    const [row]: Array<{ seen: boolean }> = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM "${this.s}".ticket_timeline WHERE event_id = $1)
           OR EXISTS (SELECT 1 FROM "${this.s}".field_events WHERE event_id = $1) AS seen`,
      [eventId],
    );
    return !row!.seen;
  }

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
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.shadowSchema}".inbox (consumer, event_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [READ_MODELS_DURABLE, eventId],
    );
    return rows.length === 1;
  }

  /** Starts a rebuild's row; false when another rebuild is running (and alive). */
  async claim(id: string, actor: ActorV1): Promise<boolean> {
    return this.runtime.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE "${this.s}".read_model_rebuilds
         SET state = 'failed', finished_at = now(), error = 'abandoned: its instance stopped'
         WHERE state = 'running' AND heartbeat_at < now() - interval '${ABANDONED_AFTER}'`,
      );
      const rows: unknown[] = await tx.query(
        `INSERT INTO "${this.s}".read_model_rebuilds (id, state, requested_by) VALUES ($1, 'running', $2)
         ON CONFLICT DO NOTHING RETURNING id`,
        [id, JSON.stringify(actor)],
      );
      return rows.length === 1;
    });
  }

  async running(): Promise<ReadModelRebuildV1 | null> {
    const rows: RebuildRow[] = await this.runtime.dataSource.query(
      `SELECT * FROM "${this.s}".read_model_rebuilds WHERE state = 'running'`,
    );
    return rows[0] ? toRebuild(rows[0]) : null;
  }

  async get(id: string): Promise<ReadModelRebuildV1 | null> {
    const rows: RebuildRow[] = await this.runtime.dataSource.query(
      `SELECT * FROM "${this.s}".read_model_rebuilds WHERE id = $1`,
      [id],
    );
    return rows[0] ? toRebuild(rows[0]) : null;
  }

  async progress(id: string, progress: { targetSeq: number; replayedSeq: number; applied: number }): Promise<void> {
    await this.runtime.dataSource.query(
      `UPDATE "${this.s}".read_model_rebuilds
       SET target_seq = $2, replayed_seq = $3, events_applied = $4, heartbeat_at = now() WHERE id = $1`,
      [id, progress.targetSeq, progress.replayedSeq, progress.applied],
    );
  }

  async finish(id: string, error: string | null): Promise<void> {
    await this.runtime.dataSource.query(
      `UPDATE "${this.s}".read_model_rebuilds
       SET state = $2, error = $3, finished_at = now(), heartbeat_at = now() WHERE id = $1`,
      [id, error === null ? 'done' : 'failed', error],
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
    await this.runtime.dataSource.query(`UPDATE "${this.shadowSchema}".kpi_daily_state SET zone = $1`, [zone]);
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
    const functions: Array<{ definition: string }> = await tx.query(
      `SELECT pg_get_functiondef(p.oid) AS definition FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = $1 AND strpos(p.prosrc, $2) > 0`,
      [this.s, `${shadow}.`],
    );
    for (const { definition } of functions) await tx.query(definition.split(`${shadow}.`).join(`${live}.`));
  }
}

function toRebuild(row: RebuildRow): ReadModelRebuildV1 {
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
