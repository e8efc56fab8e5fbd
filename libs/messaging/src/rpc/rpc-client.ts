import {
  headers as natsHeaders,
  NoRespondersError,
  RequestError,
  TimeoutError,
  type NatsConnection,
} from '@nats-io/transport-node';
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

/**
 * Request/reply over core NATS, speaking Nest's packet format so `@MessagePattern` handlers answer it.
 * Every call has a deadline; a missing or late answer becomes ServiceUnavailableError.
 */
export class RpcClient {
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
    let reply;
    try {
      reply = await this.nc.request(subject, JSON.stringify({ pattern: name, data, id: randomUUID() }), {
        timeout: options.timeoutMs ?? this.defaultTimeoutMs,
        headers: h,
      });
    } catch (error) {
      throw toUnavailable(subject, error);
    }
    const packet = reply.json<NestReplyPacket>();
    if (packet.err !== undefined && packet.err !== null) {
      if (isServiceErrorPayload(packet.err)) throw new ServiceError(packet.err);
      throw new ServiceError({ code: ErrorCode.Internal });
    }
    return packet.response;
  }
}

function toUnavailable(subject: string, error: unknown): Error {
  if (error instanceof TimeoutError) return new ServiceUnavailableError(subject, 'timeout');
  if (error instanceof NoRespondersError) return new ServiceUnavailableError(subject, 'no-responders');
  if (error instanceof RequestError) {
    return new ServiceUnavailableError(subject, error.isNoResponders() ? 'no-responders' : 'timeout');
  }
  if (error instanceof Error && /closed|disconnect/i.test(error.message)) {
    return new ServiceUnavailableError(subject, 'disconnected');
  }
  return error instanceof Error ? error : new Error(String(error));
}
