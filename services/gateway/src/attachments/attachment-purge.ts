import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ServiceRuntime } from '@cau/messaging';
import { AttachmentStore } from '@cau/attachments';
import { AttachmentRepository } from './attachment.repository.js';
import { AttachmentsConfig } from './attachments-config.js';

const BATCH = 100;
/** A write still under way is never this old; older partial files belong to a stopped process. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Deletes staged files nobody attached within the staging period, and partial files left by a crash,
 * at start and then every ATTACHMENT_PURGE_INTERVAL_SECONDS. Several gateways may run it: rows are
 * claimed with SKIP LOCKED, and deleting bytes twice is harmless.
 */
@Injectable()
export class AttachmentPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly config: AttachmentsConfig,
    private readonly store: AttachmentStore,
    private readonly attachments: AttachmentRepository,
    private readonly runtime: ServiceRuntime,
  ) {}

  onApplicationBootstrap(): void {
    this.trigger();
    this.timer = setInterval(() => this.trigger(), this.config.purgeIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass; returns the number of staged files deleted. */
  async purge(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const keys = await this.attachments.deleteExpired(BATCH);
      for (const key of keys) {
        await this.store.delete(key).catch((error: unknown) => {
          this.runtime.logger.warn({ err: error, key }, 'expired attachment: bytes not deleted (orphaned)');
        });
      }
      deleted += keys.length;
      if (keys.length < BATCH) break;
    }
    await this.store.removeAbandoned(new Date(Date.now() - ABANDONED_AFTER_MS));
    if (deleted > 0) this.runtime.logger.info({ deleted }, 'expired staged attachments deleted');
    return deleted;
  }

  private trigger(): void {
    if (this.running) return;
    this.running = this.purge()
      .then(() => undefined)
      .catch((error: unknown) => this.runtime.logger.error({ err: error }, 'attachment purge failed'))
      .finally(() => {
        this.running = null;
      });
  }
}
