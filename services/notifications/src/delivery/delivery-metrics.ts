import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { ServiceRuntime } from '@cau/messaging';

/** Mail outcomes, exported with the service's other metrics. */
@Injectable()
export class DeliveryMetrics {
  readonly sent: Counter<'kind'>;
  readonly failed: Counter<'kind'>;
  readonly retried: Counter<'kind'>;
  readonly uncertain: Counter<'kind'>;

  constructor(runtime: ServiceRuntime) {
    const registers = [runtime.metrics.registry];
    this.sent = new Counter({
      name: 'cau_mail_sent_total',
      help: 'Mails accepted by the SMTP server',
      labelNames: ['kind'],
      registers,
    });
    this.failed = new Counter({
      name: 'cau_mail_failed_total',
      help: 'Mails refused for good (5xx to the recipient or the message); not retried',
      labelNames: ['kind'],
      registers,
    });
    this.retried = new Counter({
      name: 'cau_mail_retried_total',
      help: 'Sending attempts that failed transiently (server down, 4xx) and were scheduled again',
      labelNames: ['kind'],
      registers,
    });
    this.uncertain = new Counter({
      name: 'cau_mail_uncertain_total',
      help: 'Mails a sender handed to the server and then died before recording the answer; left for an administrator',
      labelNames: ['kind'],
      registers,
    });
  }
}
