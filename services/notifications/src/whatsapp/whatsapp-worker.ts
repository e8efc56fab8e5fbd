import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime, startWorker, type Worker } from '@cau/messaging';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { retryDelayMs } from '../delivery/smtp-failure.js';
import { MailAttachmentStore } from '../inbound/mail-attachment-store.js';
import { PermanentInboundError } from '../inbound/process-inbound-mail.use-case.js';
import { sendTemplate, type SendOutcome } from './cloud-api.js';
import type { WhatsappConfig } from './whatsapp-config.js';
import { ProcessWhatsappMessageUseCase } from './process-whatsapp-message.use-case.js';
import { WhatsappSettings } from './whatsapp-settings.js';
import { WhatsappRepository, type ClaimedWhatsappDelivery } from './whatsapp.repository.js';

/** Template messages one round claims and sends (each holds the claim's transaction while it is sent). */
const SEND_BATCH = 5;

/**
 * The WhatsApp channel's two loops, running only where an account is configured:
 *
 * - inbound: claims the oldest due stored message (FOR UPDATE SKIP LOCKED), turns it into a ticket or a
 *   comment and settles it in the same transaction, retrying with back-off while a service does not answer
 *   or WhatsApp does not hand over a media message's file;
 * - outbound: sends pending template messages with the same exactly-once log as mail: the attempt is
 *   committed before the request leaves, and a message whose attempt has no recorded outcome (the
 *   sender died, or WhatsApp did not answer) is marked `uncertain` for an administrator instead of being
 *   sent again. 429 and 5xx answers are retried with back-off; other refusals fail at once.
 *
 * Both wake when work is added by this instance and poll as a safety net.
 */
@Injectable()
export class WhatsappWorker implements OnModuleDestroy {
  private workers: Worker[] = [];
  private readonly logger: ServiceRuntime['logger'];

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly settings: NotificationsSettings,
    private readonly whatsapp: WhatsappSettings,
    private readonly repository: WhatsappRepository,
    private readonly messages: ProcessWhatsappMessageUseCase,
    private readonly store: MailAttachmentStore,
  ) {
    this.logger = runtime.logger.child({ component: 'whatsapp' });
  }

  start(): void {
    const config = this.whatsapp.current;
    if (this.workers.length > 0 || !config) return;
    this.workers = [
      this.worker(config, () => this.processInbound(config)),
      this.worker(config, () => this.sendOutbound(config)),
    ];
    this.logger.info({ graph: config.graphUrl, phoneNumberId: config.phoneNumberId }, 'whatsapp channel started');
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.stop()));
  }

  wake(): void {
    for (const worker of this.workers) worker.wake();
  }

  /** Runs `round` until it reports nothing more to do now, then rests until woken or the poll interval. */
  private worker(config: WhatsappConfig, round: () => Promise<boolean>): Worker {
    return startWorker({
      name: 'whatsapp',
      logger: this.logger,
      intervalMs: config.pollIntervalMs,
      run: round,
      onError: (error) => this.logger.error({ err: error }, 'whatsapp round failed on the database side; will retry'),
    });
  }

  /** One stored message processed; true when there may be more due. */
  private async processInbound(whatsapp: WhatsappConfig): Promise<boolean> {
    // Bytes a media message put in the attachment store: deleted if the transaction does not commit, so
    // a key is kept only with its row, as inbound mail does.
    const stored: string[] = [];
    try {
      return await this.processNextMessage(whatsapp, stored);
    } catch (error) {
      await Promise.all(stored.map((key) => this.store.current.delete(key).catch(() => undefined)));
      throw error;
    }
  }

  private processNextMessage(whatsapp: WhatsappConfig, stored: string[]): Promise<boolean> {
    const config = this.settings.current;
    return this.runtime.dataSource.transaction(async (tx) => {
      const message = await this.repository.claimNextMessage(tx);
      if (!message) return false;
      const fields = { waMessageId: message.waMessageId, attempt: message.attempts + 1 };
      let queued: boolean;
      try {
        const result = await this.messages.process(tx, message, config, whatsapp, stored);
        if (result.outcome === 'unknown') {
          await this.repository.settle(tx, message.id, 'unknown', 'number of no requester in the directory');
          queued = result.replied;
          this.logger.info(fields, 'whatsapp message from an unknown number');
        } else {
          await this.repository.markProcessed(tx, message.id, result);
          queued = result.outcome === 'ticket';
          this.logger.info({ ...fields, ...result }, 'whatsapp message processed');
        }
      } catch (error) {
        const reason = describe(error);
        if (error instanceof PermanentInboundError || message.attempts + 1 >= whatsapp.maxAttempts) {
          await this.repository.settle(tx, message.id, 'failed', reason);
          this.logger.error({ ...fields, reason }, 'whatsapp message failed');
          return true;
        }
        const delayMs = retryDelayMs(message.attempts + 1, {
          baseMs: whatsapp.retryBaseMs,
          maxMs: whatsapp.retryMaxMs,
        });
        await this.repository.scheduleMessageRetry(tx, message.id, delayMs, reason);
        this.logger.warn({ ...fields, reason, retryInMs: delayMs }, 'whatsapp message not processed; will retry');
        return false;
      }
      // A notice queued by this transaction is sent as soon as it commits.
      if (queued) setImmediate(() => this.wake());
      return true;
    });
  }

  /** One batch of due template messages sent and settled; true when the batch was full. */
  private sendOutbound(config: WhatsappConfig): Promise<boolean> {
    return this.runtime.dataSource.transaction(async (tx) => {
      const claimed = await this.repository.claimDue(tx, SEND_BATCH);
      const toSend: ClaimedWhatsappDelivery[] = [];
      for (const delivery of claimed) {
        if (delivery.unfinishedAttemptAt) {
          await this.repository.markDeliveryEnded(
            tx,
            delivery.id,
            'uncertain',
            `sending started at ${delivery.unfinishedAttemptAt.toISOString()}; the sender stopped before WhatsApp's answer was recorded`,
          );
          this.logger.warn({ deliveryId: delivery.id }, 'whatsapp message of unknown outcome; not sent again');
        } else {
          toSend.push(delivery);
        }
      }
      await this.repository.recordAttempts(toSend.map((d) => d.id));
      const outcomes = await Promise.all(
        toSend.map(async (delivery) => ({
          delivery,
          outcome: await sendTemplate(config, {
            to: delivery.recipient,
            template: delivery.template,
            language: delivery.language,
            parameters: delivery.parameters,
          }),
        })),
      );
      let retrying = false;
      for (const { delivery, outcome } of outcomes) {
        retrying = (await this.settle(tx, config, delivery, outcome)) || retrying;
      }
      await this.repository.settleAttempts(
        tx,
        claimed.map((d) => d.id),
      );
      return claimed.length === SEND_BATCH && !retrying;
    });
  }

  /** Returns true when the message was put back for a retry. */
  private async settle(
    tx: EntityManager,
    config: WhatsappConfig,
    delivery: ClaimedWhatsappDelivery,
    outcome: SendOutcome,
  ): Promise<boolean> {
    const fields = { deliveryId: delivery.id, kind: delivery.kind, attempt: delivery.attempts + 1 };
    switch (outcome.kind) {
      case 'sent':
        await this.repository.markSent(tx, delivery.id, outcome.waMessageId);
        this.logger.info({ ...fields, waMessageId: outcome.waMessageId }, 'whatsapp message sent');
        return false;
      case 'failed':
        await this.repository.markDeliveryEnded(tx, delivery.id, 'failed', outcome.error);
        this.logger.error({ ...fields, error: outcome.error }, 'whatsapp message refused for good');
        return false;
      case 'unknown':
        await this.repository.markDeliveryEnded(tx, delivery.id, 'uncertain', outcome.error);
        this.logger.warn({ ...fields, error: outcome.error }, 'whatsapp message of unknown outcome; not sent again');
        return false;
      case 'retry':
        if (delivery.attempts + 1 >= config.maxAttempts) {
          await this.repository.markDeliveryEnded(tx, delivery.id, 'failed', `out of attempts: ${outcome.error}`);
          this.logger.error({ ...fields, error: outcome.error }, 'whatsapp message out of attempts');
          return false;
        }
        {
          const delayMs = retryDelayMs(delivery.attempts + 1, { baseMs: config.retryBaseMs, maxMs: config.retryMaxMs });
          await this.repository.markDeliveryRetry(tx, delivery.id, delayMs, outcome.error);
          this.logger.warn(
            { ...fields, error: outcome.error, retryInMs: delayMs },
            'whatsapp message not sent; will retry',
          );
        }
        return true;
    }
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
