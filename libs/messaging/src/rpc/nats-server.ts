import { ServerNats, type NatsOptions } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  CAUSATION_HEADER,
  CORRELATION_HEADER,
  runWithCorrelation,
  sanitizeCorrelationId,
} from '../observability/correlation.js';

type NatsServerOptions = NonNullable<NatsOptions['options']>;

/**
 * Nest's NATS transport with two additions: every pattern is subscribed under the deployment's subject
 * prefix (handlers keep the prefix-free names declared in the contracts), and each request runs inside
 * the correlation scope carried by its headers, so logs and emitted events keep the caller's id.
 */
export class PrefixedNatsServer extends ServerNats {
  private readonly prefixedSubscriptions: Subscription[] = [];

  constructor(
    private readonly serverOptions: NatsServerOptions,
    private readonly prefix: string,
  ) {
    super(serverOptions);
  }

  override bindEvents(client: NatsConnection): void {
    const defaultQueue = this.serverOptions.queue;
    for (const [pattern, handler] of this.messageHandlers) {
      const queue = (handler.extras?.queue as string | undefined) ?? defaultQueue;
      const subscription = client.subscribe(`${this.prefix}.${pattern}`, {
        ...(queue ? { queue } : {}),
        callback: (error, msg) => {
          if (error) {
            this.logger.error(error);
            return;
          }
          void this.handleCorrelated(pattern, msg);
        },
      });
      this.prefixedSubscriptions.push(subscription);
    }
  }

  private async handleCorrelated(pattern: string, msg: Msg): Promise<void> {
    const correlationId = sanitizeCorrelationId(msg.headers?.get(CORRELATION_HEADER));
    const causation = msg.headers?.get(CAUSATION_HEADER);
    try {
      await runWithCorrelation({ correlationId, causationId: causation || null }, () =>
        this.handleMessage(pattern, msg),
      );
    } catch (error) {
      this.logger.error(error);
    }
  }

  override async close(): Promise<void> {
    // Stop receiving first; Nest's close then waits its grace period for in-flight replies.
    for (const subscription of this.prefixedSubscriptions.splice(0)) subscription.unsubscribe();
    await super.close();
  }
}
