import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ServiceRuntime } from '@cau/messaging';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { retryDelayMs } from '../delivery/smtp-failure.js';
import { InboundMessageRepository, type ClaimedInboundMessage } from './inbound-message.repository.js';
import { InboundMetrics } from './inbound-metrics.js';
import { PermanentInboundError, ProcessInboundMailUseCase } from './process-inbound-mail.use-case.js';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'processed' | 'ignored' | 'failed' | 'retried'; message: ClaimedInboundMessage; detail: string };

/**
 * Processes stored mails one at a time: claims the oldest due `received` row (FOR UPDATE SKIP LOCKED,
 * so instances share the work), sends it to intake or resolution, and settles the row in the same
 * transaction. If the process dies in between, the row is still `received` and is processed again;
 * the commands it sent are idempotent for the same mail. A service that does not answer is retried
 * with back-off; after INBOUND_MAX_ATTEMPTS the row is `failed`, with the last error, for an administrator.
 */
@Injectable()
export class InboundProcessor implements OnModuleDestroy {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  private readonly logger: ServiceRuntime['logger'];

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly settings: NotificationsSettings,
    private readonly messages: InboundMessageRepository,
    private readonly mails: ProcessInboundMailUseCase,
    private readonly metrics: InboundMetrics,
  ) {
    this.logger = runtime.logger.child({ component: 'inbound-processor' });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Lets the mail being processed finish and commit. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = null;
  }

  /** A mail was stored: process it now rather than at the next poll. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    // The mail sender's safety-net interval: retries coming due are picked up this often.
    const { pollIntervalMs } = this.settings.current;
    while (this.running) {
      this.pendingWake = false;
      await this.drain();
      if (this.running && !this.pendingWake) await this.sleep(pollIntervalMs);
    }
  }

  private async drain(): Promise<void> {
    while (this.running) {
      let outcome: Outcome;
      try {
        outcome = await this.processNext();
      } catch (error) {
        this.logger.error({ err: error }, 'inbound mail processing failed on the database side; will retry');
        return;
      }
      this.report(outcome);
      if (outcome.kind === 'idle' || outcome.kind === 'retried') return;
    }
  }

  private processNext(): Promise<Outcome> {
    const config = this.settings.current;
    return this.runtime.dataSource.transaction(async (tx): Promise<Outcome> => {
      const message = await this.messages.claimNextDue(tx);
      if (!message) return { kind: 'idle' };
      const decision = await this.mails.decide(tx, message, config);
      await this.messages.describe(tx, message.id, decision.sender, decision.subject);
      if (decision.kind === 'ignore' || decision.kind === 'fail') {
        const status = decision.kind === 'ignore' ? 'ignored' : 'failed';
        await this.messages.settle(tx, message.id, status, decision.reason);
        return { kind: status, message, detail: decision.reason };
      }
      await this.messages.storeAttachments(tx, message.id, decision.attachments);
      try {
        const result = await this.mails.deliver(message, decision, config);
        await this.messages.markProcessed(tx, message.id, result, decision.note);
        return { kind: 'processed', message, detail: `${result.outcome} on ticket ${result.ticketNumber}` };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof PermanentInboundError || message.attempts + 1 >= config.inbound.maxAttempts) {
          await this.messages.settle(tx, message.id, 'failed', reason);
          return { kind: 'failed', message, detail: reason };
        }
        const delayMs = retryDelayMs(message.attempts + 1, {
          baseMs: config.inbound.retryBaseMs,
          maxMs: config.retry.maxMs,
        });
        await this.messages.scheduleRetry(tx, message.id, delayMs, reason);
        return { kind: 'retried', message, detail: `${reason}; again in ${delayMs} ms` };
      }
    });
  }

  /** Counted and logged after the commit, so a rolled-back attempt is never reported as done. */
  private report(outcome: Outcome): void {
    if (outcome.kind === 'idle') return;
    this.metrics.mails.inc({ outcome: outcome.kind });
    const fields = { inboundId: outcome.message.id, messageKey: outcome.message.messageKey, detail: outcome.detail };
    if (outcome.kind === 'failed') this.logger.error(fields, 'inbound mail failed');
    else if (outcome.kind === 'retried') this.logger.warn(fields, 'inbound mail not processed; will retry');
    else this.logger.info(fields, `inbound mail ${outcome.kind}`);
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
