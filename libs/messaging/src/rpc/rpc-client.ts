import { createInbox, headers as natsHeaders, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { ErrorCode, isServiceErrorPayload, type AnyRpcDefinition, type ReplyOf, type RequestOf } from '@cau/contracts';
import type { Subjects } from '../config.js';
import { CAUSATION_HEADER, CORRELATION_HEADER, currentCorrelation } from '../observability/correlation.js';
import { ServiceError, ServiceUnavailableError } from './service-error.js';

export interface RequestOptions {
  timeoutMs?: number;
}

interface NestReplyPacket {
  response?: unknown;
  err?: unknown;
}

interface Waiting {
  subject: string;
  resolve: (reply: Msg) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Request/reply over core NATS, speaking Nest's packet format so `@MessagePattern` handlers answer it.
 * Every call has a deadline; a missing or late answer becomes ServiceUnavailableError.
 *
 * Replies come to one subscription of the client's own inbox (`<inbox>.<n>`, matched by `n`), as nats.js's
 * `request` does, but without its per-call work that we do not use: it makes an Error (a stack trace) for
 * every request even when the answer arrives, a token of random characters, a timer promise and a race.
 */
export class RpcClient {
  /** The inbox replies come to, once the first call subscribed to it; null again when the connection closed. */
  private replyPrefixInUse: string | null = null;
  private readonly waiting = new Map<string, Waiting>();
  private lastToken = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: Subjects,
    private readonly defaultTimeoutMs: number,
  ) {}

  /**
   * Sends a declared request; the reply has the type its definition declares. A subject served per area is
   * sent as `forArea(definition, area)`.
   */
  request<D extends AnyRpcDefinition>(
    definition: D,
    request: RequestOf<D>,
    options: RequestOptions = {},
  ): Promise<ReplyOf<D>> {
    return this.send(definition.subject, request, options) as Promise<ReplyOf<D>>;
  }

  /**
   * Sends anything to a subject and answers the reply unchecked: for tests that send what no contract allows.
   */
  async send(name: string, data: unknown, options: RequestOptions = {}): Promise<unknown> {
    const subject = this.subjects.command(name);
    const h = natsHeaders();
    const scope = currentCorrelation();
    h.set(CORRELATION_HEADER, scope?.correlationId ?? randomUUID());
    if (scope?.causationId) h.set(CAUSATION_HEADER, scope.causationId);
    const reply = await this.exchange(
      subject,
      JSON.stringify({ pattern: name, data, id: randomUUID() }),
      h,
      options.timeoutMs ?? this.defaultTimeoutMs,
    );
    const packet = reply.json<NestReplyPacket>();
    if (packet.err !== undefined && packet.err !== null) {
      if (isServiceErrorPayload(packet.err)) throw new ServiceError(packet.err);
      throw new ServiceError({ code: ErrorCode.Internal });
    }
    return packet.response;
  }

  private exchange(
    subject: string,
    payload: string,
    h: ReturnType<typeof natsHeaders>,
    timeoutMs: number,
  ): Promise<Msg> {
    return new Promise<Msg>((resolve, reject) => {
      let prefix: string;
      try {
        prefix = this.replyPrefix();
      } catch (error) {
        reject(toUnavailable(subject, error));
        return;
      }
      const token = String(++this.lastToken);
      const timer = setTimeout(() => {
        this.waiting.delete(token);
        reject(new ServiceUnavailableError(subject, 'timeout'));
      }, timeoutMs);
      this.waiting.set(token, { subject, resolve, reject, timer });
      try {
        this.nc.publish(subject, payload, { reply: `${prefix}.${token}`, headers: h });
      } catch (error) {
        clearTimeout(timer);
        this.waiting.delete(token);
        reject(toUnavailable(subject, error));
      }
    });
  }

  /** Subscribes to the reply inbox at the first call; closing the connection fails what still waits. */
  private replyPrefix(): string {
    if (this.replyPrefixInUse) return this.replyPrefixInUse;
    const prefix = createInbox();
    const subscription = this.nc.subscribe(`${prefix}.*`, { callback: (error, msg) => this.answer(error, msg) });
    this.replyPrefixInUse = prefix;
    void subscription.closed.then(() => {
      this.replyPrefixInUse = null;
      for (const [token, waiting] of this.waiting) {
        clearTimeout(waiting.timer);
        this.waiting.delete(token);
        waiting.reject(new ServiceUnavailableError(waiting.subject, 'disconnected'));
      }
    });
    return prefix;
  }

  private answer(error: Error | null, msg: Msg): void {
    if (error) return; // the subscription's end: `closed` fails what still waits
    const token = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
    const waiting = this.waiting.get(token);
    if (!waiting) return; // answered after its deadline
    clearTimeout(waiting.timer);
    this.waiting.delete(token);
    // The server's answer when nobody serves the subject: a status message without data.
    if (msg.data.length === 0 && msg.headers?.code === 503) {
      waiting.reject(new ServiceUnavailableError(waiting.subject, 'no-responders'));
    } else {
      waiting.resolve(msg);
    }
  }
}

/** A publish refused by the connection (closed, or draining as the service stops). */
function toUnavailable(subject: string, error: unknown): Error {
  if (error instanceof Error && /closed|disconnect|drain/i.test(error.message)) {
    return new ServiceUnavailableError(subject, 'disconnected');
  }
  return error instanceof Error ? error : new Error(String(error));
}
