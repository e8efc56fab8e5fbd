import pg from 'pg';
import type { DataSource } from 'typeorm';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { EventEnvelope } from '@cau/contracts';
import { CAUSATION_HEADER, CORRELATION_HEADER } from '../observability/correlation.js';
import type { MessagingMetrics } from '../observability/metrics.js';
import { startWorker, type Worker } from '../service/worker.js';
import { outboxChannel } from './outbox.js';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  databaseUrl: string;
  schema: string;
  js: JetStreamClient;
  logger: Logger;
  metrics?: MessagingMetrics;
  service: string;
  batchSize?: number;
  /** Safety-net poll when no notification arrives (lost LISTEN connection, rows left by a crash). */
  pollIntervalMs?: number;
}

interface OutboxRow {
  seq: string;
  event_id: string;
  subject: string;
  envelope: EventEnvelope;
}

/**
 * Moves committed events from the outbox to JetStream. Several instances may run: each claims a batch
 * with FOR UPDATE SKIP LOCKED, deleting it in the same statement, and commits only after JetStream
 * acknowledged every message. A crash between publish and commit republishes the batch; `Nats-Msg-Id` =
 * event id lets JetStream drop the copies, and consumers' inboxes drop anything older than the
 * de-duplication window.
 */
export class OutboxRelay {
  private worker: Worker | null = null;
  private listener: pg.Client | null = null;
  /** Gives up the batch whose publishes are in flight (see `reconnected`). */
  private abandonPublishes: (() => void) | null = null;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  /**
   * Whether a pass must read the outbox, or may skip that round trip: a commit here wakes the relay at once and
   * its notification arrives a moment later, when the pass it woke has usually published those rows already.
   * A notification names its transaction's last outbox position: one this relay published (`published`, the
   * latest few thousand) needs nothing; others wait in `announced` until a look covers them. A wake without a
   * position (a local commit, a reconnection), a full batch, a failed one or the poll interval forces a look.
   */
  private readonly announced = new Set<number>();
  private readonly published = new Set<number>();
  private mustLook = true;
  private lastLookAt = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
  }

  async start(): Promise<void> {
    if (this.worker) return;
    await this.listen();
    const { logger, metrics, service } = this.options;
    this.worker = startWorker({
      name: 'outbox relay',
      logger,
      intervalMs: this.pollIntervalMs,
      run: () => this.pass(),
      backoffMs: (failures) => Math.min(100 * 2 ** failures, 5_000),
      onError: (error, failures) => {
        metrics?.outboxRelayErrors.inc({ service });
        logger.error({ err: error, failures }, 'outbox relay batch failed; will retry');
      },
    });
  }

  /** Called after a local commit, so the relay does not even wait for the notification round trip. */
  wake(): void {
    this.mustLook = true;
    this.worker?.wake();
  }

  /** A commit that wrote events, here or at another instance, its last one at outbox position `payload`. */
  private notified(payload: string): void {
    const position = Number(payload);
    if (!Number.isSafeInteger(position) || position <= 0) {
      this.wake();
      return;
    }
    if (this.published.has(position)) return;
    this.announced.add(position);
    this.worker?.wake();
  }

  private async pass(): Promise<boolean> {
    const due = this.mustLook || this.announced.size > 0 || Date.now() - this.lastLookAt >= this.pollIntervalMs;
    if (!due) return false;
    this.mustLook = false;
    this.lastLookAt = Date.now();
    const before = [...this.announced];
    try {
      const positions = await this.publishBatch();
      const full = positions.length >= this.batchSize;
      if (this.published.size > 10_000) this.published.clear();
      for (const position of positions) {
        this.published.add(position);
        this.announced.delete(position);
      }
      // Not full: every row committed before the look has left the outbox, by this batch or by another instance
      // (a row another instance holds is its to publish or to give back and look again), so the transactions
      // announced before it are done. Those announced since may have committed after it.
      if (!full) for (const position of before) this.announced.delete(position);
      this.mustLook = full;
      return full;
    } catch (error) {
      this.mustLook = true;
      throw error;
    }
  }

  /**
   * The NATS connection was re-established: the publishes in flight were dropped with the old connection
   * (the client discards what it buffered, and the server's acknowledgements went to the old one), so
   * their batch would only fail at JetStream's time-out (5 s) while every event waited behind it. It is
   * given up at once and published again; JetStream drops the copies of what had arrived (`Nats-Msg-Id`).
   */
  reconnected(): void {
    this.abandonPublishes?.();
    this.wake();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.stop();
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on('notification', (message) => this.notified(message.payload ?? ''));
    client.on('error', (error) => {
      this.options.logger.warn({ err: error }, 'outbox listener connection lost; polling until it is back');
      this.listener = null;
      setTimeout(() => void this.reconnectListener(), this.pollIntervalMs);
    });
    await client.connect();
    await client.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
    this.listener = client;
  }

  private async reconnectListener(): Promise<void> {
    if (!this.worker || this.listener) return;
    try {
      await this.listen();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'outbox listener reconnect failed');
      setTimeout(() => void this.reconnectListener(), this.pollIntervalMs);
    }
  }

  /** Publishes one batch: the outbox positions of the events that left it. */
  private async publishBatch(): Promise<number[]> {
    const runner = this.options.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // Claimed and deleted in one statement; the deletion takes effect only if the commit after the publishes
      // does (a failed batch rolls back, and its rows are there for the next look).
      const [claimed] = (await runner.query(
        `DELETE FROM "${this.options.schema}".outbox WHERE seq IN (
           SELECT seq FROM "${this.options.schema}".outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING seq, event_id, subject, envelope`,
        [this.batchSize],
      )) as [OutboxRow[], number];
      const rows = claimed.sort((x, y) => Number(x.seq) - Number(y.seq));
      if (rows.length === 0) {
        await runner.commitTransaction();
        return [];
      }
      // One connection keeps the publish order; awaiting the acks together keeps the batch fast.
      const published = Promise.all(
        rows.map((row) => {
          const h = natsHeaders();
          h.set(CORRELATION_HEADER, row.envelope.correlationId);
          if (row.envelope.causationId) h.set(CAUSATION_HEADER, row.envelope.causationId);
          return this.options.js.publish(row.subject, JSON.stringify(row.envelope), {
            msgID: row.event_id,
            headers: h,
          });
        }),
      );
      await new Promise<void>((resolve, reject) => {
        this.abandonPublishes = () => reject(new Error('NATS reconnected while the batch was being published'));
        published.then(() => resolve(), reject);
      }).finally(() => {
        this.abandonPublishes = null;
      });
      await runner.commitTransaction();
      this.options.metrics?.outboxPublished.inc({ service: this.options.service }, rows.length);
      return rows.map((row) => Number(row.seq));
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
