import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ContentInspector } from '@cau/attachments';
import { ServiceRuntime } from '@cau/messaging';
import { InboundMessageRepository } from './inbound-message.repository.js';
import { MailAttachmentStore } from './mail-attachment-store.js';

const BATCH = 20;

/**
 * Moves attachments recorded before the attachment store (bytes in `inbound_attachments.content`) into
 * the store when notifications starts, with the same type check as new mails: an allowed file gets its
 * key and `content` is emptied; a refused one is marked not stored (the raw mail still holds it). Rows
 * are claimed SKIP LOCKED, so several instances share the work; a rolled-back batch deletes its bytes.
 */
@Injectable()
export class InboundAttachmentBackfill {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly messages: InboundMessageRepository,
    private readonly store: MailAttachmentStore,
  ) {}

  /** The number of rows moved or refused. */
  async run(): Promise<number> {
    let done = 0;
    for (;;) {
      const stored: string[] = [];
      let count: number;
      try {
        count = await this.runtime.dataSource.transaction(async (tx) => {
          const rows = await this.messages.claimUnmoved(tx, BATCH);
          for (const row of rows) {
            const inspector = new ContentInspector(row.filename);
            const detection = inspector.push(row.content) ?? inspector.end();
            if (!detection.allowed) {
              await this.messages.recordMoved(tx, row.id, {
                key: null,
                sha256: null,
                detectedType: detection.detected,
                reason: `type not allowed: ${detection.detected}`,
              });
              continue;
            }
            const key = await this.store.current.put(Readable.from([row.content]));
            stored.push(key);
            await this.messages.recordMoved(tx, row.id, {
              key,
              sha256: createHash('sha256').update(row.content).digest('hex'),
              detectedType: detection.mediaType,
              reason: null,
            });
          }
          return rows.length;
        });
      } catch (error) {
        await Promise.all(stored.map((key) => this.store.current.delete(key).catch(() => undefined)));
        throw error;
      }
      done += count;
      if (count < BATCH) break;
    }
    if (done > 0)
      this.runtime.logger.info({ attachments: done }, 'inbound attachments moved into the attachment store');
    return done;
  }
}
