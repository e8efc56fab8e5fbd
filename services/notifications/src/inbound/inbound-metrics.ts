import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { ServiceRuntime } from '@cau/messaging';

/** The inbound channel's signals, exported with the service's other metrics. */
@Injectable()
export class InboundMetrics {
  /** outcome: stored, duplicate, processed, ignored, failed, retried. */
  readonly mails: Counter<'outcome'>;
  /** 1 while the last attempt to read the mailbox worked, 0 after a failure: alert on it. */
  readonly mailboxUp: Gauge<'mailbox'>;
  readonly mailboxFailures: Gauge<'mailbox'>;

  constructor(runtime: ServiceRuntime) {
    const registers = [runtime.metrics.registry];
    this.mails = new Counter({
      name: 'cau_inbound_mail_total',
      help: 'Inbound mails by outcome: stored, duplicate (already stored), processed, ignored, failed, retried',
      labelNames: ['outcome'],
      registers,
    });
    this.mailboxUp = new Gauge({
      name: 'cau_inbound_mailbox_up',
      help: 'Whether the last poll of an IMAP mailbox succeeded (1) or failed (0)',
      labelNames: ['mailbox'],
      registers,
    });
    this.mailboxFailures = new Gauge({
      name: 'cau_inbound_mailbox_consecutive_failures',
      help: 'Polls of an IMAP mailbox that failed in a row',
      labelNames: ['mailbox'],
      registers,
    });
  }
}
