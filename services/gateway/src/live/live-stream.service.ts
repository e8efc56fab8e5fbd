import { PassThrough } from 'node:stream';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, ReportingRpc, Role, type ActorV1 } from '@cau/contracts';
import { ServiceError, ServiceRuntime, ServiceUnavailableError } from '@cau/messaging';
import { GetTicketUseCase } from '../tickets/get-ticket.use-case.js';
import { ReportingClient } from '../http/service-clients.js';
import { AnnouncementAccess } from './announcement-access.js';
import { LiveAuthCheck } from './live-auth-check.js';
import { LiveConfig } from './live-config.js';
import { LiveEventHub, type HubSubscriber } from './live-event-hub.js';
import {
  ANNOUNCEMENT_EVENT,
  TICKET_EVENT,
  audienceData,
  followsTicket,
  resumePlan,
  sseMessage,
  type StreamItem,
} from './live-events.js';
import { TicketAccess } from './ticket-access.js';

/** Browsers wait this long before reconnecting (the SSE `retry` field). */
const RETRY_MS = 3_000;
/** Items waiting for a slow client (or a slow visibility check) before the connection is dropped. */
const MAX_PENDING = 10_000;

/**
 * `GET /api/v1/events/stream`: one Server-Sent Events connection per browser tab. Each connection
 * replays what the client missed (Last-Event-ID), then follows the gateway's hub, filtered by what its
 * actor may see; it sends a heartbeat, rechecks its session or token, and is ended when the client goes,
 * its session ends, it falls too far behind, or the gateway stops.
 */
@Injectable()
export class LiveStreamService implements OnModuleDestroy {
  private readonly perAccount = new Map<string, number>();
  private readonly open = new Set<LiveConnection>();

  constructor(
    private readonly config: LiveConfig,
    private readonly hub: LiveEventHub,
    private readonly tickets: GetTicketUseCase,
    private readonly reporting: ReportingClient,
    private readonly auth: LiveAuthCheck,
    private readonly runtime: ServiceRuntime,
  ) {}

  /** Open connections (for tests and metrics). */
  get openCount(): number {
    return this.open.size;
  }

  /**
   * Starts the stream on `reply`. Refusals (too many streams, the stream unreachable) are thrown before
   * anything is sent, so they are ordinary error answers.
   */
  async start(request: FastifyRequest, reply: FastifyReply, actor: ActorV1, lastEventId: number | null): Promise<void> {
    const held = this.perAccount.get(actor.accountId) ?? 0;
    if (held >= this.config.streamsPerAccount) {
      throw new ServiceError({ code: ErrorCode.TooManyStreams, params: { limit: this.config.streamsPerAccount } });
    }
    this.perAccount.set(actor.accountId, held + 1);
    const connection = new LiveConnection(
      actor,
      this.config,
      this.hub,
      new TicketAccess(actor, this.hub.facts, (who, number) => this.tickets.get(who, number)),
      new AnnouncementAccess(actor, (who) =>
        this.reporting.request(
          ReportingRpc.TicketList,
          { actor: who, filters: { sort: 'newest', limit: 1 } },
          'filters',
        ),
      ),
      () => this.auth.stillValid(request, actor),
      (error) => this.runtime.logger.warn({ err: error, accountId: actor.accountId }, 'live stream failed'),
    );
    let bounds: { firstSeq: number; lastSeq: number };
    try {
      // Subscribed before the bounds are read: everything after `lastSeq` then reaches the connection.
      await connection.subscribe();
      bounds = await this.hub.bounds();
    } catch (error) {
      connection.close();
      this.release(actor.accountId);
      if (error instanceof ServiceError) throw error;
      this.runtime.logger.warn({ err: error }, 'live stream: the event stream cannot be read');
      throw new ServiceUnavailableError(this.runtime.subjects.eventsRoot(), 'disconnected');
    }
    this.open.add(connection);
    connection.onClose(() => {
      this.open.delete(connection);
      this.release(actor.accountId);
    });
    reply.raw.on('close', () => connection.close());
    void reply
      .status(200)
      .header('Content-Type', 'text/event-stream; charset=utf-8')
      // Nothing between here and the browser may keep or transform the stream (no-transform: no
      // compression by proxies); nginx buffers responses unless told not to.
      .header('Cache-Control', 'no-cache, no-transform')
      .header('X-Accel-Buffering', 'no')
      // Once a stream ends (the gateway stops, the session ends) its connection goes too, rather than
      // idling in keep-alive where it would hold a stopping server open until the keep-alive timeout.
      .header('Connection', 'close')
      .send(connection.output);
    connection.run(resumePlan(lastEventId, bounds, this.config.maxReplayEvents), bounds.lastSeq);
  }

  onModuleDestroy(): void {
    for (const connection of [...this.open]) connection.close();
  }

  private release(accountId: string): void {
    const held = (this.perAccount.get(accountId) ?? 1) - 1;
    if (held > 0) this.perAccount.set(accountId, held);
    else this.perAccount.delete(accountId);
  }
}

class LiveConnection implements HubSubscriber {
  readonly output = new PassThrough();
  private readonly pending: StreamItem[] = [];
  private readonly abort = new AbortController();
  private wake: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly closeListeners: Array<() => void> = [];
  private closed = false;
  /** The last position processed, and the last id the client was given. */
  private position = 0;
  private lastSentId = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private lastCheck = Date.now();

  constructor(
    private readonly actor: ActorV1,
    private readonly config: LiveConfig,
    private readonly hub: LiveEventHub,
    private readonly access: TicketAccess,
    private readonly announcements: AnnouncementAccess,
    private readonly stillValid: () => Promise<boolean>,
    private readonly reportFailure: (error: unknown) => void,
  ) {
    this.output.on('close', () => this.close());
  }

  async subscribe(): Promise<void> {
    this.unsubscribe = await this.hub.subscribe(this);
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  push(item: StreamItem): void {
    if (this.closed) return;
    if (this.pending.length >= MAX_PENDING) {
      // Too far behind: the client reconnects with its last id and replays instead.
      this.close();
      return;
    }
    this.pending.push(item);
    this.wake?.();
  }

  end(): void {
    this.close();
  }

  run(plan: ReturnType<typeof resumePlan>, lastSeq: number): void {
    this.heartbeat = setInterval(() => void this.beat(), this.config.heartbeatMs);
    this.loop(plan, lastSeq).catch((error: unknown) => {
      if (!this.closed) this.reportFailure(error);
      this.close();
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.unsubscribe?.();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.pending.length = 0;
    this.wake?.();
    this.output.end();
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  private async loop(plan: ReturnType<typeof resumePlan>, lastSeq: number): Promise<void> {
    this.write(`retry: ${RETRY_MS}\n\n`);
    if (plan.kind === 'replay') {
      this.position = plan.from - 1;
      await this.hub.replay(plan.from, plan.to, (item) => this.deliver(item), this.abort.signal);
    } else if (plan.kind === 'reset') {
      this.write(sseMessage({ id: lastSeq, event: 'reset', data: { reason: plan.reason, lastEventId: lastSeq } }));
    }
    if (this.closed) return;
    this.position = lastSeq;
    this.lastSentId = lastSeq;
    this.write(sseMessage({ id: lastSeq, event: 'ready', data: { lastEventId: lastSeq } }));
    while (!this.closed) {
      const item = this.pending.shift();
      if (!item) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      if (item.seq > this.position) await this.deliver(item);
    }
  }

  private async deliver(item: StreamItem): Promise<void> {
    if (this.closed) return;
    const facts = item.event?.facts;
    if (facts && this.actor.role === Role.Requester && followsTicket(this.actor, facts)) {
      this.announcements.registered(facts.jurisdiction);
    }
    if (item.announcement && (await this.announcements.mayHear(item.announcement))) {
      if (this.closed) return;
      await this.writeAndWait(sseMessage({ id: item.seq, event: ANNOUNCEMENT_EVENT, data: item.announcement.data }));
      this.lastSentId = item.seq;
    } else if (item.event && (await this.access.mayHear(item.event))) {
      if (this.closed) return;
      await this.writeAndWait(
        sseMessage({ id: item.seq, event: TICKET_EVENT, data: audienceData(this.actor, item.event) }),
      );
      this.lastSentId = item.seq;
    }
    this.position = item.seq;
  }

  /** A heartbeat comment; it carries the position when events were skipped, so a reconnection starts there. */
  private async beat(): Promise<void> {
    if (this.closed) return;
    const advanced = this.position > this.lastSentId;
    this.write(sseMessage({ comment: 'heartbeat', ...(advanced ? { id: this.position } : {}) }));
    if (advanced) this.lastSentId = this.position;
    if (Date.now() - this.lastCheck >= this.config.recheckMs) {
      this.lastCheck = Date.now();
      if (!(await this.stillValid())) this.close();
    }
  }

  private write(chunk: string): boolean {
    return this.closed ? false : this.output.write(chunk);
  }

  /** Waits while the client's socket is full, so a slow reader holds items here, counted, not in buffers. */
  private async writeAndWait(chunk: string): Promise<void> {
    if (this.write(chunk) || this.closed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.output.off('drain', done);
        this.output.off('close', done);
        resolve();
      };
      this.output.on('drain', done);
      this.output.on('close', done);
    });
  }
}
