import pg from 'pg';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ServiceRuntime, startWorker, type Worker } from '@cau/messaging';
import type { NotificationsConfig } from '../config/notifications-config.js';
import { NotificationsSettings } from '../config/notifications-settings.js';
import type { ClaimedDelivery } from './delivery.js';
import { DeliveryMetrics } from './delivery-metrics.js';
import { DeliveryRepository } from './delivery.repository.js';
import { buildMessage, createPooledTransport, type PooledTransport } from './mail-transport.js';
import { classifySmtpFailure, retryDelayMs, type SmtpFailure } from './smtp-failure.js';

type Outcome =
  | { kind: 'sent'; delivery: ClaimedDelivery }
  | { kind: 'retry'; delivery: ClaimedDelivery; failure: SmtpFailure; delayMs: number }
  | { kind: 'failed'; delivery: ClaimedDelivery; failure: SmtpFailure }
  | { kind: 'uncertain'; delivery: ClaimedDelivery; since: Date };

/**
 * Sends pending mails. Mails are claimed a few at a time (FOR UPDATE SKIP LOCKED), sent side by side
 * over the pooled connections and settled inside the claim's transaction, so several instances never
 * send the same row at once. SMTP has no idempotent send, so before handing mails to the server the
 * sender commits a record of the attempt (outside the claim's transaction); a process that dies before
 * the outcome is committed leaves the rows pending with that record, and the next claim marks them
 * `uncertain` for an administrator instead of sending a probable duplicate. Claiming several per
 * transaction saves the database round trips that bounded the throughput when each mail had its own.
 * A failing server never blocks anything else: consumers only write rows, and a transient failure
 * puts the row back with a back-off.
 *
 * It wakes on a NOTIFY sent when a transaction that added a mail commits, and polls as a safety net
 * (lost LISTEN connection, retries coming due).
 */
@Injectable()
export class MailSender implements OnModuleDestroy {
  /** One per pass that may run side by side (`MAIL_SEND_CONCURRENCY`), each woken on its own. */
  private workers: Worker[] = [];
  /** Which of `workers` is in a pass now. */
  private busy: boolean[] = [];
  private transport: PooledTransport | null = null;
  private listener: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly logger: ServiceRuntime['logger'];

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly deliveries: DeliveryRepository,
    private readonly settings: NotificationsSettings,
    private readonly metrics: DeliveryMetrics,
  ) {
    this.logger = runtime.logger.child({ component: 'mail-sender' });
  }

  async start(): Promise<void> {
    if (this.workers.length > 0) return;
    const config = this.settings.current;
    await this.listen();
    const transport = createPooledTransport(config.smtp, config.sendConcurrency);
    this.transport = transport;
    this.busy = Array.from({ length: config.sendConcurrency }, () => false);
    // Each pass rests and is woken on its own, not in rounds: the consumer commits mails in bursts, and
    // passes that went in rounds (a round ending with its slowest pass) left a burst that arrived
    // mid-round to the one pass still busy. A wake-up wakes as many passes as its mails fill (see `wake`),
    // not all of them: every pass woken for nothing was a claim transaction of three statements. Only the
    // first pass polls at `pollIntervalMs` (the safety net for retries coming due and a lost LISTEN
    // connection); the others, every ten intervals, so idle senders do not claim nothing four times a second.
    this.workers = this.busy.map((_, index) =>
      startWorker({
        name: 'mail sender',
        logger: this.logger,
        intervalMs: index === 0 ? config.pollIntervalMs : config.pollIntervalMs * 10,
        run: async () => {
          this.busy[index] = true;
          try {
            return await this.sendAndReport(config, transport);
          } finally {
            this.busy[index] = false;
          }
        },
        onError: (error) => this.logger.error({ err: error }, 'mail delivery failed on the database side; will retry'),
      }),
    );
    this.logger.info({ smtp: config.smtp.displayUrl, concurrency: config.sendConcurrency }, 'mail sender started');
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Lets the mails being sent finish and commit, then closes the connections. */
  async stop(): Promise<void> {
    const workers = this.workers;
    if (workers.length === 0) return;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.stop()));
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    this.transport?.close();
    this.transport = null;
  }

  /**
   * Sends one batch of due mails (`sendBatchSize` per transaction); true while more may be due. After a
   * transient failure the pass rests until the next wake-up or poll, so a server that is down costs a
   * few attempts per wake-up, not one per pending mail.
   */
  private async sendAndReport(config: NotificationsConfig, transport: PooledTransport): Promise<boolean> {
    const outcomes = await this.sendBatch(config, transport);
    for (const outcome of outcomes) this.report(outcome);
    // A batch that was not full left nothing due behind it (what others hold, they send); mails committed
    // meanwhile wake a pass.
    return outcomes.length === config.sendBatchSize && !outcomes.some((outcome) => outcome.kind === 'retry');
  }

  /**
   * Mails were committed: `count` of them, or an unknown number (null). Wakes enough passes to claim them
   * (`sendBatchSize` each), resting ones first; a pass woken while busy makes another pass after its own.
   */
  private wake(count: number | null): void {
    const wanted =
      count === null
        ? this.workers.length
        : Math.min(this.workers.length, Math.ceil(count / this.settings.current.sendBatchSize));
    const resting = this.workers.filter((_, index) => !this.busy[index]);
    const busy = this.workers.filter((_, index) => this.busy[index]);
    for (const worker of [...resting, ...busy].slice(0, wanted)) worker.wake();
  }

  private sendBatch(config: NotificationsConfig, transport: PooledTransport): Promise<Outcome[]> {
    return this.runtime.dataSource.transaction(async (tx): Promise<Outcome[]> => {
      const claimed = await this.deliveries.claimDue(tx, config.sendBatchSize);
      const outcomes: Outcome[] = [];
      const toSend: ClaimedDelivery[] = [];
      for (const delivery of claimed) {
        if (delivery.unfinishedAttemptAt) {
          await this.deliveries.markUncertain(tx, delivery.id, delivery.unfinishedAttemptAt);
          outcomes.push({ kind: 'uncertain', delivery, since: delivery.unfinishedAttemptAt });
        } else {
          toSend.push(delivery);
        }
      }
      // Committed before anything reaches the server: if this process dies while sending, the next
      // claim finds the record without an outcome and does not send the mail a second time.
      await this.deliveries.recordAttempts(toSend.map((delivery) => delivery.id));
      outcomes.push(...(await Promise.all(toSend.map((delivery) => this.attempt(delivery, config, transport)))));
      const sent = outcomes.filter((outcome) => outcome.kind === 'sent').map((outcome) => outcome.delivery.id);
      await this.deliveries.markSent(tx, sent);
      for (const outcome of outcomes) {
        if (outcome.kind === 'failed') {
          await this.deliveries.markFailed(tx, outcome.delivery.id, outcome.failure.description);
        } else if (outcome.kind === 'retry') {
          const { delivery, delayMs, failure } = outcome;
          await this.deliveries.scheduleRetry(tx, delivery.id, delayMs, failure.description);
        }
      }
      await this.deliveries.settleAttempts(
        tx,
        claimed.map((delivery) => delivery.id),
      );
      return outcomes;
    });
  }

  private async attempt(
    delivery: ClaimedDelivery,
    config: NotificationsConfig,
    transport: PooledTransport,
  ): Promise<Outcome> {
    try {
      await transport.sendMail(await buildMessage(delivery, config));
      return { kind: 'sent', delivery };
    } catch (error) {
      const failure = classifySmtpFailure(error);
      if (failure.permanent) return { kind: 'failed', delivery, failure };
      return { kind: 'retry', delivery, failure, delayMs: retryDelayMs(delivery.attempts + 1, config.retry) };
    }
  }

  /** Counted and logged only after the commit, so a rolled-back attempt is never reported as done. */
  private report(outcome: Outcome): void {
    const { delivery } = outcome;
    const fields = {
      deliveryId: delivery.id,
      kind: delivery.kind,
      ticketNumber: delivery.ticketNumber,
      messageId: delivery.messageId,
      attempt: delivery.attempts + 1,
    };
    switch (outcome.kind) {
      case 'sent':
        this.metrics.sent.inc({ kind: delivery.kind });
        this.logger.info(fields, 'mail sent');
        return;
      case 'retry':
        this.metrics.retried.inc({ kind: delivery.kind });
        this.logger.warn(
          { ...fields, error: outcome.failure.description, retryInMs: outcome.delayMs },
          'mail not sent; will retry',
        );
        return;
      case 'failed':
        this.metrics.failed.inc({ kind: delivery.kind });
        this.logger.error({ ...fields, error: outcome.failure.description }, 'mail refused for good; not retried');
        return;
      case 'uncertain':
        this.metrics.uncertain.inc({ kind: delivery.kind });
        this.logger.warn(
          { ...fields, attemptStartedAt: outcome.since.toISOString() },
          'mail handed to the server by a sender that stopped before its answer; not sent again, left to an administrator',
        );
        return;
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.runtime.database.url });
    client.on('notification', (message) => {
      const count = Number(message.payload);
      this.wake(message.payload && Number.isInteger(count) && count > 0 ? count : null);
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'delivery listener connection lost; polling until it is back');
      if (this.listener === client) this.listener = null;
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.deliveries.notifyChannel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
  }

  private scheduleReconnect(): void {
    if (this.workers.length === 0 || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.workers.length === 0 || this.listener) return;
      this.listen().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'delivery listener reconnect failed');
        this.scheduleReconnect();
      });
    }, this.settings.current.pollIntervalMs);
  }
}
