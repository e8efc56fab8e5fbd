import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { AnnouncementEvents, READ_MODELS_DURABLE } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { announcementReach, toStreamItem, type StreamItem, type TicketFacts } from './live-events.js';

/** Receives the hub's items in stream order; `end` when the hub stopped (the connection must close). */
export interface HubSubscriber {
  push(item: StreamItem): void;
  end(reason: string): void;
}

const CONSUME_BATCH = 256;
const MAX_FACTS = 50_000;
/** Announcements whose audience the hub keeps (there are a handful a week; the oldest go first). */
const MAX_ANNOUNCEMENTS = 1_000;
/** How often the read side's position is asked while an event waits for it. */
const READ_SIDE_POLL_MS = 100;
/** An event waits at most this long for the read side; then it goes out anyway. */
const READ_SIDE_WAIT_MS = 3_000;
/** After a wait ran out (reporting stopped or far behind), events go out at once for this long. */
const READ_SIDE_RESPITE_MS = 15_000;

/**
 * How far reporting's read models have applied the events stream, from its durable consumer's acknowledged
 * position. Browsers refetch what an event changed as soon as they hear of it, so the hub tells them once the
 * read side can show it; otherwise the queue or the ticket would be read a moment too early and stay stale
 * until the next event. A read side that is down or far behind never stops the stream: after
 * {@link READ_SIDE_WAIT_MS} the event goes out, and for a while after that no event waits.
 */
export class ReadSidePosition {
  private applied = 0;
  private respiteUntil = 0;

  constructor(private readonly runtime: ServiceRuntime) {}

  async reached(seq: number): Promise<void> {
    const deadline = Date.now() + READ_SIDE_WAIT_MS;
    while (this.applied < seq) {
      if (Date.now() < this.respiteUntil) return;
      if (Date.now() >= deadline) {
        this.respiteUntil = Date.now() + READ_SIDE_RESPITE_MS;
        return;
      }
      try {
        const info = await this.runtime.jsm.consumers.info(this.runtime.messaging.eventsStream, READ_MODELS_DURABLE);
        // Nothing pending and nothing unacknowledged: every event so far is applied, this one included (an
        // event outside the consumer's subjects never moves its acknowledged position).
        const caughtUp = info.num_pending === 0 && info.num_ack_pending === 0;
        this.applied = Math.max(this.applied, caughtUp ? seq : info.ack_floor.stream_seq);
      } catch {
        // No read side on this stream (a gateway without reporting): nothing to wait for.
        return;
      }
      if (this.applied < seq) await new Promise((resolve) => setTimeout(resolve, READ_SIDE_POLL_MS));
    }
  }
}

/**
 * The facts (requester e-mail, jurisdiction) of tickets this gateway saw registered or read, so deciding
 * whether a requester follows a ticket rarely needs reporting. They never change after registration.
 * Bounded: the least recently used go first.
 */
export class TicketFactsCache {
  private readonly facts = new Map<number, TicketFacts>();

  get(number: number): TicketFacts | undefined {
    const facts = this.facts.get(number);
    if (facts) {
      this.facts.delete(number);
      this.facts.set(number, facts);
    }
    return facts;
  }

  learn(number: number, facts: TicketFacts): void {
    this.facts.delete(number);
    this.facts.set(number, facts);
    if (this.facts.size > MAX_FACTS) this.facts.delete(this.facts.keys().next().value!);
  }
}

/**
 * One ordered JetStream consumer per gateway process, from the end of the event stream, fanned out to
 * every open live connection: the stream is read once however many browsers listen, and no durable
 * consumer of the services is touched. Started with the gateway, so it has seen every registration since
 * (the facts that let it filter for requesters without asking reporting), and again by the next connection
 * after it stopped. Connections that resume from an
 * earlier event read that part with a replay consumer of their own (`replay`), then continue here.
 * If the consumer stops, every connection is ended: browsers reconnect with Last-Event-ID and lose nothing.
 */
@Injectable()
export class LiveEventHub implements OnApplicationBootstrap, OnModuleDestroy {
  readonly facts = new TicketFactsCache();
  /** Who each announcement published or edited since the hub started is for (null: everyone). */
  private readonly announcementAudiences = new Map<string, readonly string[] | null>();
  private readonly subscribers = new Set<HubSubscriber>();
  private starting: Promise<void> | null = null;
  private messages: ConsumerMessages | null = null;
  /** The last event read from the stream; a renewed consumer starts after it. */
  private position = 0;
  /** Consumers closed by a reset, to be followed by a new one rather than end the connections. */
  private readonly renewing = new WeakSet<ConsumerMessages>();
  private stopped = false;
  private readonly readSide: ReadSidePosition;
  /** Who waits for the next event of a ticket (`nextTicketEvent`), by number. */
  private readonly ticketWaiters = new Map<number, Set<() => void>>();
  /** How many events of each recent ticket the hub read (`ticketEventCount`); the least recent go first. */
  private readonly ticketEvents = new Map<number, number>();

  constructor(private readonly runtime: ServiceRuntime) {
    this.readSide = new ReadSidePosition(runtime);
  }

  /** A gateway whose hub cannot start yet still serves everything else; the first connection tries again. */
  onApplicationBootstrap(): void {
    this.ensureStarted().catch((error: unknown) =>
      this.runtime.logger.warn({ err: error }, 'live event hub: not started; the first stream will try again'),
    );
  }

  /** Adds a subscriber (starting the consumer if needed); returns how to remove it. */
  async subscribe(subscriber: HubSubscriber): Promise<() => void> {
    await this.ensureStarted();
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  private ensureStarted(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the live event hub is stopped'));
    this.starting ??= this.start().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  /** The stream's bounds now (an empty stream has first = last + 1). */
  async bounds(): Promise<{ firstSeq: number; lastSeq: number }> {
    const { state } = await this.runtime.jsm.streams.info(this.runtime.messaging.eventsStream);
    return { firstSeq: state.first_seq, lastSeq: state.last_seq };
  }

  /**
   * Hands the items with sequence in [from, to] to `apply`, in order, with an ordered consumer of their
   * own; stops early when `signal` aborts.
   */
  async replay(
    from: number,
    to: number,
    apply: (item: StreamItem) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    if (from > to || signal.aborted) return;
    const consumer = await this.runtime.js.consumers.get(this.runtime.messaging.eventsStream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: from,
    });
    const messages = await consumer.consume({ max_messages: CONSUME_BATCH });
    const stop = (): void => void messages.close();
    signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const msg of messages) {
        if (msg.seq > to) break;
        await apply(this.decode(msg, false));
        if (msg.seq >= to || msg.info.pending === 0 || signal.aborted) break;
      }
    } finally {
      signal.removeEventListener('abort', stop);
      await messages.close();
    }
  }

  /**
   * Settles at the next event of the ticket this hub reads (an event is in the stream once its service
   * committed what it did), or after `ms`, whichever comes first. The hub reads every event from the gateway's
   * start, whether or not a browser listens.
   */
  nextTicketEvent(number: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.ticketWaiters.get(number) ?? new Set<() => void>();
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && this.ticketWaiters.get(number) === waiters) this.ticketWaiters.delete(number);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
      this.ticketWaiters.set(number, waiters);
    });
  }

  /**
   * How many events of the ticket the hub has read (of its most recent tickets): a caller that notes it before
   * asking a service, and finds it changed after a "not found", knows something happened meanwhile.
   */
  ticketEventCount(number: number): number {
    return this.ticketEvents.get(number) ?? 0;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
    this.endAll('the gateway is stopping');
  }

  private async start(): Promise<void> {
    const { lastSeq } = await this.bounds();
    this.position = lastSeq;
    await this.follow();
  }

  /** Reads the stream from the event after `position` with a new ordered consumer. */
  private async follow(): Promise<void> {
    const consumer = await this.runtime.js.consumers.get(this.runtime.messaging.eventsStream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: this.position + 1,
    });
    const messages = await consumer.consume({ max_messages: CONSUME_BATCH });
    this.messages = messages;
    void this.renewOnReset(messages);
    void this.pump(messages);
  }

  /**
   * The client library recreates an ordered consumer whose server lost it (NATS restarted), but the recreated
   * one delivered a few events and then nothing until its pull request expired (@nats-io/jetstream 3, NATS
   * 2.9): live pages would have stayed silent. On a reset the hub closes the consumer and follows the stream
   * with a new one from the last event it handed on, so open connections lose nothing and stay open.
   */
  private async renewOnReset(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (status.type !== 'reset') continue;
      this.renewing.add(messages);
      await messages.close();
      return;
    }
  }

  private async pump(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const msg of messages) {
        this.position = msg.seq;
        const item = this.decode(msg, true);
        if (item.event) this.ticketEventRead(item.event.data.number);
        if (item.event && this.subscribers.size > 0) await this.readSide.reached(msg.seq);
        for (const subscriber of this.subscribers) subscriber.push(item);
      }
    } catch (error) {
      this.runtime.logger.warn({ err: error }, 'live event hub: the stream consumer failed');
    }
    if (this.renewing.delete(messages) && !this.stopped) {
      try {
        await this.follow();
        return;
      } catch (error) {
        this.runtime.logger.warn({ err: error }, 'live event hub: the stream consumer could not be renewed');
      }
    }
    // Stopped or failed: the next connection starts a new consumer; these resume from their last id.
    this.messages = null;
    this.starting = null;
    this.endAll('the live event consumer stopped');
  }

  /**
   * `live`: read by the hub in stream order, so announcement audiences are learnt from it; a replay reads an
   * earlier part, and its edits and withdrawals reach everyone rather than teach the hub an old audience.
   */
  private decode(msg: JsMsg, live: boolean): StreamItem {
    let body: unknown = null;
    try {
      body = msg.json();
    } catch {
      // Not JSON: the services dead-letter it; here it is just a position.
    }
    const item = toStreamItem(msg.seq, msg.subject, body, this.runtime.subjects.replayRoot());
    if (item.announcement && !live && item.announcement.data.type !== AnnouncementEvents.Published.type) {
      item.announcement.jurisdictions = null;
    }
    if (item.event?.facts) this.facts.learn(item.event.data.number, item.event.facts);
    if (item.announcement && live) this.placeAnnouncement(item.announcement);
    return item;
  }

  private ticketEventRead(number: number): void {
    const count = (this.ticketEvents.get(number) ?? 0) + 1;
    this.ticketEvents.delete(number);
    this.ticketEvents.set(number, count);
    if (this.ticketEvents.size > MAX_FACTS) this.ticketEvents.delete(this.ticketEvents.keys().next().value!);
    const waiters = this.ticketWaiters.get(number);
    if (waiters) for (const done of [...waiters]) done();
  }

  /** Widens an edit's or withdrawal's audience to whom the announcement was for, and remembers the new one. */
  private placeAnnouncement(announcement: NonNullable<StreamItem['announcement']>): void {
    const { type, id } = announcement.data;
    const said = announcement.jurisdictions;
    announcement.jurisdictions = announcementReach(type, said, this.announcementAudiences.get(id));
    this.announcementAudiences.delete(id);
    if (type === AnnouncementEvents.Withdrawn.type || said === undefined) return;
    this.announcementAudiences.set(id, said);
    if (this.announcementAudiences.size > MAX_ANNOUNCEMENTS) {
      this.announcementAudiences.delete(this.announcementAudiences.keys().next().value!);
    }
  }

  private endAll(reason: string): void {
    const subscribers = [...this.subscribers];
    this.subscribers.clear();
    for (const subscriber of subscribers) subscriber.end(reason);
  }
}
