import { Injectable } from '@nestjs/common';
import { ServiceRuntime } from '@cau/messaging';
import { InboundMessageRepository } from './inbound-message.repository.js';
import { InboundMetrics } from './inbound-metrics.js';
import { InboundProcessor } from './inbound-processor.js';
import { messageKey } from './mail-rules.js';

/**
 * The one way a mail enters, from IMAP or SMTP: its raw bytes are committed, once per message key,
 * and only then does the caller tell the mailbox (flag, move) or the sending server (250) that the mail
 * was taken. A crash before the commit leaves the mail where it was, to be fetched or sent again.
 */
@Injectable()
export class ReceiveMailUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly messages: InboundMessageRepository,
    private readonly metrics: InboundMetrics,
    private readonly processor: InboundProcessor,
  ) {}

  /**
   * `raw` is the whole message, or only its headers when the mail was over the size limit
   * (`rawComplete` false, `rawSize` the real size). Returns false when the mail was stored before.
   */
  async receive(source: string, raw: Buffer, rawSize = raw.length, rawComplete = true): Promise<boolean> {
    const key = messageKey(raw);
    const stored = await this.runtime.dataSource.transaction((tx) =>
      this.messages.store(tx, { messageKey: key, source, raw, rawSize, rawComplete }),
    );
    this.metrics.mails.inc({ outcome: stored ? 'stored' : 'duplicate' });
    this.runtime.logger.info(
      { source, messageKey: key, bytes: rawSize, stored },
      stored ? 'mail stored' : 'mail already stored',
    );
    if (stored) this.processor.wake();
    return stored;
  }
}
