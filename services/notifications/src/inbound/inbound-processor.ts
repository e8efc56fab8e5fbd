import { Readable } from 'node:stream';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime, startWorker, type Worker } from '@cau/messaging';
import type { NotificationsConfig } from '../config/notifications-config.js';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { retryDelayMs } from '../delivery/smtp-failure.js';
import {
  InboundMessageRepository,
  type ClaimedInboundMessage,
  type RecordedAttachment,
} from './inbound-message.repository.js';
import { InboundMetrics } from './inbound-metrics.js';
import { MailAttachmentStore } from './mail-attachment-store.js';
import type { InboundAttachment } from './mail-attachment.js';
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
  private worker: Worker | null = null;
  private readonly logger: ServiceRuntime['logger'];

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly settings: NotificationsSettings,
    private readonly messages: InboundMessageRepository,
    private readonly mails: ProcessInboundMailUseCase,
    private readonly metrics: InboundMetrics,
    private readonly store: MailAttachmentStore,
  ) {
    this.logger = runtime.logger.child({ component: 'inbound-processor' });
  }

  start(): void {
    this.worker ??= startWorker({
      name: 'inbound processor',
      logger: this.logger,
      intervalMs: this.settings.current.pollIntervalMs,
      run: () => this.processOne(),
      onError: (error) =>
        this.logger.error({ err: error }, 'inbound mail processing failed on the database side; will retry'),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Lets the mail being processed finish and commit. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.stop();
  }

  /** A mail was stored: process it now rather than at the next poll. */
  wake(): void {
    this.worker?.wake();
  }

  /** Processes the next due mail; true when the next one may follow at once. */
  private async processOne(): Promise<boolean> {
    const outcome = await this.processNext();
    this.report(outcome);
    return outcome.kind !== 'idle' && outcome.kind !== 'retried';
  }

  private async processNext(): Promise<Outcome> {
    const config = this.settings.current;
    // Bytes put in the store by this attempt: deleted if its transaction rolls back, so a key is kept
    // only with its row. (A crash between the put and the commit leaves an orphan object.)
    const stored: string[] = [];
    try {
      return await this.runtime.dataSource.transaction((tx) => this.attempt(tx, config, stored));
    } catch (error) {
      await Promise.all(stored.map((key) => this.store.current.delete(key).catch(() => undefined)));
      throw error;
    }
  }

  private async attempt(tx: EntityManager, config: NotificationsConfig, stored: string[]): Promise<Outcome> {
    const message = await this.messages.claimNextDue(tx);
    if (!message) return { kind: 'idle' };
    const decision = await this.mails.decide(tx, message, config);
    const senderName = decision.kind === 'deliver' ? decision.senderName : null;
    await this.messages.describe(tx, message.id, decision.sender, senderName, decision.subject);
    if (decision.kind === 'ignore' || decision.kind === 'fail') {
      const status = decision.kind === 'ignore' ? 'ignored' : 'failed';
      await this.messages.settle(tx, message.id, status, decision.reason);
      return { kind: status, message, detail: decision.reason };
    }
    try {
      await this.keepAttachments(tx, message.id, decision.attachments, stored);
    } catch (error) {
      // The store did not take a file (a bucket out of reach): retried with back-off, like a service
      // that does not answer, without the bytes this attempt had put.
      await Promise.all(stored.splice(0).map((key) => this.store.current.delete(key).catch(() => undefined)));
      return this.retryOrFail(tx, message, config, new Error(`attachment store: ${describe(error)}`));
    }
    try {
      const result = await this.mails.deliver(message, decision, config);
      await this.messages.markProcessed(tx, message.id, result, decision.note);
      return { kind: 'processed', message, detail: `${result.outcome} on ticket ${result.ticketNumber}` };
    } catch (error) {
      return this.retryOrFail(tx, message, config, error);
    }
  }

  private async retryOrFail(
    tx: EntityManager,
    message: ClaimedInboundMessage,
    config: NotificationsConfig,
    error: unknown,
  ): Promise<Outcome> {
    const reason = describe(error);
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

  /**
   * Puts the bytes of each kept attachment in the store, then records the rows with their keys in the
   * claim's transaction. Attachments recorded by an earlier attempt (a retry) are not stored again.
   */
  private async keepAttachments(
    tx: EntityManager,
    messageId: string,
    attachments: InboundAttachment[],
    stored: string[],
  ): Promise<void> {
    const recorded = await this.messages.recordedPositions(tx, messageId);
    const rows: RecordedAttachment[] = [];
    for (const attachment of attachments.filter((a) => !recorded.has(a.position))) {
      let storageKey: string | null = null;
      if (attachment.content !== null) {
        storageKey = await this.store.current.put(Readable.from([attachment.content]));
        stored.push(storageKey);
      }
      rows.push({ ...attachment, storageKey });
    }
    const inserted = new Set(await this.messages.storeAttachments(tx, messageId, rows));
    const unused = rows.filter((r) => r.storageKey !== null && !inserted.has(r.position));
    for (const row of unused) await this.store.current.delete(row.storageKey!).catch(() => undefined);
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
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
