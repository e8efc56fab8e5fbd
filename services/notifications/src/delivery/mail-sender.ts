import pg from 'pg';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ServiceRuntime } from '@cau/messaging';
import type { NotificationsConfig } from '../config/notifications-config.js';
import { NotificationsSettings } from '../config/notifications-settings.js';
import type { ClaimedDelivery } from './delivery.js';
import { DeliveryMetrics } from './delivery-metrics.js';
import { DeliveryRepository } from './delivery.repository.js';
import { composeMessage, createPooledTransport, type PooledTransport } from './mail-transport.js';
import { classifySmtpFailure, retryDelayMs, type SmtpFailure } from './smtp-failure.js';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'sent'; delivery: ClaimedDelivery }
  | { kind: 'retry'; delivery: ClaimedDelivery; failure: SmtpFailure; delayMs: number }
  | { kind: 'failed'; delivery: ClaimedDelivery; failure: SmtpFailure };

/**
 * Sends pending mails. Each mail is claimed (FOR UPDATE SKIP LOCKED), sent and settled inside one
 * transaction, so several instances never send the same row at once, and a process that dies between
 * the server's acceptance and our commit leaves the row pending: it is sent again, under the same
 * Message-ID, which receivers use to drop the copy. A failing server never blocks anything else:
 * consumers only write rows, and a transient failure puts the row back with a back-off.
 *
 * It wakes on a NOTIFY sent when a transaction that added a mail commits, and polls as a safety net
 * (lost LISTEN connection, retries coming due).
 */
@Injectable()
export class MailSender implements OnModuleDestroy {
  private running = false;
  private loop: Promise<void> | null = null;
  private transport: PooledTransport | null = null;
  private listener: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
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
    if (this.running) return;
    const config = this.settings.current;
    await this.listen();
    this.running = true;
    const transport = createPooledTransport(config.smtp, config.sendConcurrency);
    this.transport = transport;
    this.loop = this.run(config, transport);
    this.logger.info({ smtp: config.smtp.displayUrl, concurrency: config.sendConcurrency }, 'mail sender started');
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Lets the mails being sent finish and commit, then closes the connections. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = null;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    this.transport?.close();
    this.transport = null;
  }

  private wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  private async run(config: NotificationsConfig, transport: PooledTransport): Promise<void> {
    while (this.running) {
      this.pendingWake = false;
      await Promise.all(Array.from({ length: config.sendConcurrency }, () => this.drain(config, transport)));
      if (this.running && !this.pendingWake) await this.sleep(config.pollIntervalMs);
    }
  }

  /**
   * One of `sendConcurrency` workers: sends due mails one by one until none is left. After a transient
   * failure it rests until the next round, so a server that is down costs a few attempts per round,
   * not one per pending mail.
   */
  private async drain(config: NotificationsConfig, transport: PooledTransport): Promise<void> {
    while (this.running) {
      let outcome: Outcome;
      try {
        outcome = await this.sendNext(config, transport);
      } catch (error) {
        // The database failed (or the claim's connection was lost mid-send): the transaction rolled
        // back, the row is still pending and a later round sends it.
        this.logger.error({ err: error }, 'mail delivery failed on the database side; will retry');
        return;
      }
      this.report(outcome);
      if (outcome.kind === 'idle' || outcome.kind === 'retry') return;
    }
  }

  private sendNext(config: NotificationsConfig, transport: PooledTransport): Promise<Outcome> {
    return this.runtime.dataSource.transaction(async (tx): Promise<Outcome> => {
      const delivery = await this.deliveries.claimNextDue(tx);
      if (!delivery) return { kind: 'idle' };
      try {
        await transport.sendMail(composeMessage(delivery, config));
      } catch (error) {
        const failure = classifySmtpFailure(error);
        if (failure.permanent) {
          await this.deliveries.markFailed(tx, delivery.id, failure.description);
          return { kind: 'failed', delivery, failure };
        }
        const delayMs = retryDelayMs(delivery.attempts + 1, config.retry);
        await this.deliveries.scheduleRetry(tx, delivery.id, delayMs, failure.description);
        return { kind: 'retry', delivery, failure, delayMs };
      }
      await this.deliveries.markSent(tx, delivery.id);
      return { kind: 'sent', delivery };
    });
  }

  /** Counted and logged only after the commit, so a rolled-back attempt is never reported as done. */
  private report(outcome: Outcome): void {
    if (outcome.kind === 'idle') return;
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
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.runtime.database.url });
    client.on('notification', () => this.wake());
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
    if (!this.running || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.running || this.listener) return;
      this.listen().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'delivery listener reconnect failed');
        this.scheduleReconnect();
      });
    }, this.settings.current.pollIntervalMs);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    }).then(() => {
      this.wakeUp = null;
    });
  }
}
