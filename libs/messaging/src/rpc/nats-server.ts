import { ServerNats, type NatsContext, type NatsOptions } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { ErrorCode, type ServiceErrorPayload } from '@cau/contracts';
import {
  CAUSATION_HEADER,
  CORRELATION_HEADER,
  runWithCorrelation,
  sanitizeCorrelationId,
} from '../observability/correlation.js';

type NatsServerOptions = NonNullable<NatsOptions['options']>;

/** NATS's default `max_payload`, used until the connection says otherwise. */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

/** The token in a pattern that stands for an area code (`AREA_PLACEHOLDER` of the contracts' `defineAreaCommand`). */
const AREA_TOKEN = '{area}';

/**
 * Nest's NATS transport with three additions: every pattern is subscribed under the deployment's
 * subject prefix (handlers keep the prefix-free names declared in the contracts); a pattern with an
 * `{area}` token is subscribed once per area this instance serves, each in the queue group of that area,
 * so a per-area instance and a general one never share an area's work; and each request runs inside the
 * correlation scope carried by its headers, so logs and emitted events keep the caller's id.
 *
 * An instance that also serves "every other area" (`otherAreas`) subscribes each `{area}` pattern once
 * more with a wildcard in the token's place, in the queue group `<queue>-other-areas`, and answers there
 * only the areas it does not serve by name: an area created while the platform runs is served at once,
 * and the named areas keep their own queue groups (and so their per-area instances).
 */
export class PrefixedNatsServer extends ServerNats {
  private readonly prefixedSubscriptions: Subscription[] = [];
  /** The largest message the NATS server takes (its `max_payload`), learnt when connected; for the error's text. */
  private maxPayload = DEFAULT_MAX_PAYLOAD;

  constructor(
    private readonly serverOptions: NatsServerOptions,
    private readonly prefix: string,
    private readonly servedAreas: readonly string[] = [],
    private readonly otherAreas = false,
  ) {
    super(serverOptions);
  }

  override bindEvents(client: NatsConnection): void {
    this.maxPayload = client.info?.max_payload ?? DEFAULT_MAX_PAYLOAD;
    const defaultQueue = this.serverOptions.queue;
    const named = new Set(this.servedAreas);
    for (const [pattern, handler] of this.messageHandlers) {
      const queue = (handler.extras?.queue as string | undefined) ?? defaultQueue;
      const targets: Array<{ subject: string; queue: string | undefined; skipNamed?: boolean }> = pattern.includes(
        AREA_TOKEN,
      )
        ? this.servedAreas.map((area) => ({
            subject: pattern.replace(AREA_TOKEN, area),
            queue: queue ? `${queue}-${area}` : undefined,
          }))
        : [{ subject: pattern, queue }];
      if (this.otherAreas && pattern.includes(AREA_TOKEN)) {
        targets.push({
          subject: pattern.replace(AREA_TOKEN, '*'),
          queue: queue ? `${queue}-other-areas` : undefined,
          skipNamed: true,
        });
      }
      for (const target of targets) {
        const subscription = client.subscribe(`${this.prefix}.${target.subject}`, {
          ...(target.queue ? { queue: target.queue } : {}),
          callback: (error, msg) => {
            if (error) {
              this.logger.error(error);
              return;
            }
            // A named area's request also reaches the wildcard: its own queue group answers it.
            if (target.skipNamed && named.has(this.areaIn(pattern, msg.subject) ?? '')) return;
            void this.handleCorrelated(pattern, msg);
          },
        });
        this.prefixedSubscriptions.push(subscription);
      }
    }
  }

  /**
   * Nest publishes the answer as it is; one larger than the server takes is refused by the client library
   * (which knows the server's `max_payload`), the answer is lost and the caller waits until its time-out
   * and answers 503, every time. Such an answer is replaced by a `REPLY_TOO_LARGE` error at once, so the
   * caller says what happened. Only a refused answer is measured: the others cost nothing more.
   */
  override getPublisher(natsMsg: Msg, id: string, ctx: NatsContext): (response: unknown) => void {
    const publish: (response: unknown) => void = super.getPublisher(natsMsg, id, ctx);
    if (!natsMsg.reply) return publish;
    return (response) => {
      try {
        publish(response);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.includes('max_payload')) throw error;
        const size = Buffer.byteLength(JSON.stringify(response) ?? '');
        this.logger.error(`answer to ${natsMsg.subject} not sent: ${size} bytes, the limit is ${this.maxPayload}`);
        const err: ServiceErrorPayload = {
          code: ErrorCode.ReplyTooLarge,
          params: { bytes: size, limit: this.maxPayload },
        };
        publish({ err, isDisposed: true });
      }
    };
  }

  /**
   * Our patterns are subject names, never JSON; Nest's own version tries `JSON.parse` first, which throws
   * (and builds a stack trace) on every request a service answers.
   */
  override getRouteFromPattern(pattern: string): string {
    return pattern.startsWith('{') || pattern.startsWith('[') ? super.getRouteFromPattern(pattern) : pattern;
  }

  /** The `{area}` token's value in a subject received under this server's prefix. */
  private areaIn(pattern: string, subject: string): string | undefined {
    return subject.slice(this.prefix.length + 1).split('.')[pattern.split('.').indexOf(AREA_TOKEN)];
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

/**
 * The area code a request was addressed to, read from its subject at the place of the pattern's
 * `{area}` token (subject = `<prefix>.<pattern with the area filled in>`).
 */
export function areaOfSubject(pattern: string, subject: string): string {
  const index = pattern.split('.').indexOf(AREA_TOKEN);
  if (index < 0) throw new Error(`pattern ${pattern} has no ${AREA_TOKEN} token`);
  const area = subject.split('.')[index + 1];
  if (!area) throw new Error(`subject ${subject} does not match ${pattern}`);
  return area;
}
