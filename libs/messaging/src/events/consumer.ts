import type { DataSource, EntityManager } from 'typeorm';
import {
  AckPolicy,
  DeliverPolicy,
  type Consumer,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type StoredMsg,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { validateEvent, type EventDefinition, type EventEnvelope } from '@cau/contracts';
import { Subjects, advisoryStreamName, type MessagingConfig } from '../config.js';
import { publishDeadLetter } from './dead-letters.js';
import { checkOwnEvent } from './own-event.js';
import { UnconfirmedSettlements, applySettlement, type Settlement } from './settlements.js';
import { runWithCorrelation } from '../observability/correlation.js';
import type { MessagingMetrics } from '../observability/metrics.js';

export interface EventHandler<T extends object = object> {
  readonly definition: EventDefinition<T>;
  /** Applies the event inside the consumer's transaction; throw to have it retried. */
  handle(event: EventEnvelope<T>, tx: EntityManager, batch: BatchScope): Promise<void>;
  /**
   * Whether the handler has anything to do with this event, from the event alone. One it does not concern is
   * acknowledged as skipped, without a transaction or an inbox row: applying nothing needs no idempotency.
   */
  concerns?(event: EventEnvelope<T>): boolean;
}

export function onEvent<T extends object>(
  definition: EventDefinition<T>,
  handle: (event: EventEnvelope<T>, tx: EntityManager, batch: BatchScope) => Promise<void>,
  options: { concerns?: (event: EventEnvelope<T>) => boolean } = {},
): EventHandler<T> {
  return options.concerns ? { definition, handle, concerns: options.concerns } : { definition, handle };
}

/**
 * Work that handlers leave for the end of the batch they are applied in, inside its transaction, done once
 * per key however many events of the batch asked for it: e.g. a summary row rebuilt from a ticket's state,
 * which a burst of that ticket's events would otherwise rebuild once per event. The work must read the state
 * when it runs, not capture it when deferred. A batch retried one event at a time does it for each.
 */
export class BatchScope {
  private readonly pending = new Map<string, () => Promise<void>>();
  private readonly computed = new Map<string, Promise<unknown>>();
  private readonly gathered = new Map<string, unknown[]>();

  /** `eventIds`: the events this batch applies (those not seen before), for work done once for all of them. */
  constructor(readonly eventIds: readonly string[] = []) {}

  /**
   * A value worked out once per batch, in its transaction, however many of its events ask for it: e.g. which of
   * the batch's events something already recorded, in one statement instead of one per event.
   */
  once<T>(key: string, work: () => Promise<T>): Promise<T> {
    let value = this.computed.get(key) as Promise<T> | undefined;
    if (value === undefined) {
      value = work();
      this.computed.set(key, value);
    }
    return value;
  }

  defer(key: string, work: () => Promise<void>): void {
    if (!this.pending.has(key)) this.pending.set(key, work);
  }

  /**
   * Gathers what the batch's events add under `key` and hands it all to `flush` once, with the deferred work (in
   * the order it was gathered): e.g. rows that each event appends, written in one multi-row statement. The same
   * key must always be given the same kind of item and flush.
   */
  collect<T>(key: string, item: T, flush: (items: T[]) => Promise<void>): void {
    let items = this.gathered.get(key) as T[] | undefined;
    if (items === undefined) {
      const gathered: T[] = (items = []);
      this.gathered.set(key, gathered);
      this.defer(`collect:${key}`, () => {
        // Gathering under this key after the flush starts begins a new list (and flush).
        this.gathered.delete(key);
        return flush(gathered);
      });
    }
    items.push(item);
  }

  /** Does the deferred work in the order it was first asked for (work may defer more). */
  async finish(): Promise<void> {
    while (this.pending.size > 0) {
      const [key, work] = this.pending.entries().next().value as [string, () => Promise<void>];
      await work();
      this.pending.delete(key);
    }
  }
}

export interface DurableConsumerOptions {
  /** Durable name: one per service (and area), stable across releases. */
  durable: string;
  schema: string;
  dataSource: DataSource;
  /**
   * The connection `js` and `jsm` use: its server's version tells whether a consumer can filter on a list,
   * and settlements are confirmed (PING) and sent again on it.
   */
  nc: Pick<NatsConnection, 'info' | 'publish' | 'flush'>;
  js: JetStreamClient;
  jsm: JetStreamManager;
  config: MessagingConfig;
  /** One per event type; the consumer subscribes to these types' subjects only. */
  handlers: EventHandler<object>[];
  logger: Logger;
  metrics?: MessagingMetrics;
  /** Failed attempts (handler errors) before an event goes to the dead-letter stream. */
  maxAttempts?: number;
  /** Wait before each retry; the last value repeats. */
  backoffMs?: number[];
  batchSize?: number;
  /**
   * JetStream's ack wait. The consumer tells JetStream it is still working on the messages it holds every
   * third of it, so only a dead (or blocked) process lets a message be redelivered. Default 60 s.
   */
  ackWaitMs?: number;
  /**
   * JetStream's own delivery limit: a backstop for events that never reach a verdict (the process dies or
   * loses the database each time it holds them). When JetStream gives up, its advisory dead-letters the
   * event. Default 50.
   */
  maxDeliveries?: number;
  /** Longest wait of one pull request (ms, at least 1,000). Default 10 s. */
  fetchExpiresMs?: number;
  /** How often the lag (pending, ack pending) is read from JetStream for health and metrics. Default 5 s. */
  lagIntervalMs?: number;
}

/** What JetStream reports a consumer still has to do. */
export interface ConsumerLag {
  /** Events in the stream not yet delivered to the consumer. */
  pending: number;
  /** Events delivered and not yet acknowledged (being applied, or waiting for a retry). */
  ackPending: number;
  /** Events being redelivered at the moment of the reading. */
  redelivered: number;
  /** When it was read (ISO); null before the first reading. */
  readAt: string | null;
}

type Outcome = 'applied' | 'duplicate' | 'skipped';
type Decoded = 'skipped' | { event: EventEnvelope<object>; handler: EventHandler<object> };

/** JetStream's `io.nats.jetstream.advisory.v1.max_deliver` advisory (the fields used here). */
export interface MaxDeliveriesAdvisory {
  stream: string;
  consumer: string;
  stream_seq: number;
  deliveries: number;
}

/**
 * A durable JetStream pull consumer whose handlers are idempotent by construction: each event's id is
 * inserted into the inbox in the same transaction as the handler's writes, so a redelivery finds it
 * there and changes nothing. Messages are taken in batches (one transaction per batch) for throughput;
 * when a batch fails, its events are retried one by one so one bad event cannot hold the others back.
 *
 * It pulls only what it can apply: one pull request of at most one batch at a time, applied before the
 * next is made, so it never holds more than a batch JetStream waits for (`max_ack_pending` is two
 * batches), and it signals progress (`working`) on what it holds, so a slow batch is not redelivered.
 * Events are checked cheaply (envelope, type and version: `checkOwnEvent`), their payloads trusted.
 * Attempts are counted from handler failures only (`consumer_failures`); JetStream's own `max_deliver`
 * is a backstop, and every message JetStream gives up on is dead-lettered from its advisory.
 */
export class DurableConsumer {
  private fetch: ConsumerMessages | null = null;
  private advisories: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private advisoryLoop: Promise<void> | null = null;
  private readonly handlers = new Map<string, EventHandler<object>>();
  private readonly subjects: Subjects;
  private readonly maxAttempts: number;
  private readonly backoffMs: number[];
  private readonly batchSize: number;
  private readonly ackWaitMs: number;
  private readonly maxDeliveries: number;
  private readonly fetchExpiresMs: number;
  private readonly lagIntervalMs: number;
  /** Messages received and not yet acked, naked or terminated: the ones kept alive with `working`. */
  private readonly held = new Set<JsMsg>();
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly unconfirmed: UnconfirmedSettlements;
  private confirmTimer: NodeJS.Timeout | null = null;
  private lagTimer: NodeJS.Timeout | null = null;
  private lastLag: ConsumerLag = { pending: 0, ackPending: 0, redelivered: 0, readAt: null };
  private stopping = false;

  constructor(private readonly options: DurableConsumerOptions) {
    for (const handler of options.handlers) this.handlers.set(handler.definition.type, handler);
    this.subjects = new Subjects(options.config);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? [1_000, 5_000, 30_000, 120_000];
    this.batchSize = options.batchSize ?? 200;
    this.ackWaitMs = options.ackWaitMs ?? 60_000;
    this.maxDeliveries = Math.max(options.maxDeliveries ?? 50, 2);
    this.fetchExpiresMs = Math.max(options.fetchExpiresMs ?? 10_000, 1_000);
    this.lagIntervalMs = options.lagIntervalMs ?? 5_000;
    this.unconfirmed = new UnconfirmedSettlements(options.nc);
  }

  get durable(): string {
    return this.options.durable;
  }

  /** The latest reading of the consumer's lag (see `lagIntervalMs`). */
  lag(): ConsumerLag {
    return { ...this.lastLag };
  }

  /**
   * Resolves true once a reading of the consumer finds nothing pending and nothing unacknowledged — every
   * event the stream held before the call has been applied and committed —, or false after `timeoutMs`
   * (events keep arriving, or one waits for a retry). For a use case that must see what it was just told.
   */
  async caughtUp(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const info = await this.options.jsm.consumers.info(this.options.config.eventsStream, this.options.durable);
      if (info.num_pending === 0 && info.num_ack_pending === 0) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * The subjects this consumer takes: those of the types it handles and its own replays, so JetStream never
   * delivers it an event it would only skip (each skip was still a delivery, a decode and an ack). Derived
   * from the handlers, so adding one subscribes to its type.
   */
  filterSubjects(): string[] {
    const subjects = [...this.handlers.values()].map(({ definition }) =>
      this.subjects.eventsOfType(definition.type, definition.areaOf !== undefined),
    );
    return [...new Set(subjects), this.subjects.replay(this.options.durable)].sort();
  }

  async start(): Promise<void> {
    this.stopping = false;
    const { jsm, config, durable } = this.options;
    await upsertConsumer(jsm, config.eventsStream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // An existing durable keeps its position when its filter changes; `undefined` drops the other form.
      ...(supportsSubjectLists(this.options.nc)
        ? { filter_subjects: this.filterSubjects(), filter_subject: undefined }
        : // NATS before 2.10 takes one filter: every event, and the types not handled are skipped here.
          { filter_subject: this.subjects.allEvents(), filter_subjects: undefined }),
      ack_wait: nanos(this.ackWaitMs),
      max_deliver: this.maxDeliveries,
      // One batch applied while at most one more is on its way; anything above would sit un-acked.
      max_ack_pending: this.batchSize * 2,
    });
    const advisoryDurable = `${durable}_max_deliveries`;
    await upsertConsumer(jsm, advisoryStreamName(config), {
      durable_name: advisoryDurable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.subjects.maxDeliveriesAdvisory(config.eventsStream, durable),
      ack_wait: nanos(60_000),
      max_ack_pending: 100,
    });
    const consumer = await this.options.js.consumers.get(config.eventsStream, durable);
    const advisoryConsumer = await this.options.js.consumers.get(advisoryStreamName(config), advisoryDurable);
    this.advisories = await advisoryConsumer.consume({ max_messages: 20 });
    this.advisoryLoop = this.watchAdvisories(this.advisories);
    this.heartbeat = setInterval(
      () => {
        for (const msg of this.held) {
          try {
            msg.working();
          } catch {
            // Connection closed or reconnecting: the message is redelivered if the ack wait runs out.
          }
        }
      },
      Math.max(Math.floor(this.ackWaitMs / 3), 100),
    );
    this.heartbeat.unref();
    this.confirmTimer = setInterval(() => void this.unconfirmed.confirm(), 1_000);
    this.confirmTimer.unref();
    await this.readLag();
    this.lagTimer = setInterval(() => void this.readLag(), this.lagIntervalMs);
    this.lagTimer.unref();
    this.loop = this.run(consumer);
  }

  /**
   * The connection came back (e.g. NATS restarted): settlements the server may have missed are sent again
   * (see `UnconfirmedSettlements`), and the pull request made before, which the server no longer serves,
   * is ended (waiting for two missed heartbeats to notice left the consumer idle for ~10 s while events
   * piled up), so the next pull is made at once; what it already delivered is still applied.
   */
  reconnected(): void {
    const resent = this.unconfirmed.resend();
    if (resent > 0) this.options.logger.info({ consumer: this.options.durable, resent }, 'settlements sent again');
    if (!this.stopping) void this.fetch?.close();
  }

  /** Stops taking messages and waits for the batch in progress to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.lagTimer) clearInterval(this.lagTimer);
    // close() resolves only once its iterator has been read to the end: the loops do that.
    void this.fetch?.close();
    await this.loop;
    void this.advisories?.close();
    await this.advisoryLoop;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.confirmTimer) clearInterval(this.confirmTimer);
  }

  private async readLag(): Promise<void> {
    try {
      const info = await this.options.jsm.consumers.info(this.options.config.eventsStream, this.options.durable);
      this.lastLag = {
        pending: info.num_pending,
        ackPending: info.num_ack_pending,
        redelivered: info.num_redelivered,
        readAt: new Date().toISOString(),
      };
      const labels = { consumer: this.options.durable };
      this.options.metrics?.consumerPending.set(labels, info.num_pending);
      this.options.metrics?.consumerAckPending.set(labels, info.num_ack_pending);
    } catch (error) {
      if (!this.stopping)
        this.options.logger.warn({ err: error, consumer: this.options.durable }, 'could not read lag');
    }
  }

  /** One pull request for at most one batch at a time; the next is made once this one's messages are applied. */
  private async run(consumer: Consumer): Promise<void> {
    while (!this.stopping) {
      try {
        this.fetch = await consumer.fetch({
          max_messages: this.batchSize,
          expires: this.fetchExpiresMs,
          // Two missed heartbeats end a pull request the server no longer serves (a lost connection).
          idle_heartbeat: Math.floor(this.fetchExpiresMs / 2),
        });
        if (this.stopping) void this.fetch.close();
        if ((await this.drain(this.fetch)) === 'failed' && !this.stopping) {
          // E.g. the consumer was deleted or the server is unreachable: do not spin.
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      } catch (error) {
        if (this.stopping) break;
        this.options.logger.warn({ err: error, consumer: this.options.durable }, 'pull request failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  /**
   * Applies a pull request's messages as they come: what arrived while a batch was applied is the next
   * batch, so a lone event is applied at once and a burst in batches. The pull request itself bounds what
   * is held to one batch.
   */
  private async drain(messages: ConsumerMessages): Promise<'ended' | 'failed'> {
    const queue: JsMsg[] = [];
    const signal: { notify: (() => void) | null; ended: boolean; failed: boolean } = {
      notify: null,
      ended: false,
      failed: false,
    };
    const pump = (async () => {
      try {
        for await (const msg of messages) {
          this.held.add(msg);
          if (msg.info.redelivered) this.options.metrics?.eventsRedelivered.inc({ consumer: this.options.durable });
          queue.push(msg);
          signal.notify?.();
        }
      } catch (error) {
        signal.failed = true;
        if (!this.stopping) this.options.logger.warn({ err: error, consumer: this.options.durable }, 'pull ended');
      } finally {
        signal.ended = true;
        signal.notify?.();
      }
    })();
    while (!signal.ended || queue.length > 0) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => (signal.notify = resolve));
        signal.notify = null;
        continue;
      }
      const batch = queue.splice(0, this.batchSize);
      if (this.stopping) {
        // Unprocessed messages are redelivered after a restart; ask for that now rather than after ack_wait.
        for (const msg of batch) this.settle(msg, { kind: 'nak' });
        continue;
      }
      try {
        await this.processBatch(batch);
      } catch (error) {
        // Not a handler failure (those are settled inside): release what is left rather than keep it alive.
        this.options.logger.error({ err: error, consumer: this.options.durable }, 'batch could not be settled');
        for (const msg of batch) if (this.held.has(msg)) this.settle(msg, { kind: 'nak', delayMs: this.delayFor(1) });
      }
    }
    await pump;
    return signal.failed ? 'failed' : 'ended';
  }

  private settle(msg: JsMsg, settlement: Settlement): void {
    this.held.delete(msg);
    applySettlement(msg, settlement);
    this.unconfirmed.record(msg, settlement);
  }

  private async processBatch(batch: JsMsg[]): Promise<void> {
    const timer = this.options.metrics?.eventHandlingSeconds.startTimer({ consumer: this.options.durable });
    try {
      // Decoding and contract checks happen outside the transaction: a malformed event is parked at once
      // and never fails the batch it arrived with.
      const work: Array<{ msg: JsMsg; event: EventEnvelope<object>; handler: EventHandler<object> }> = [];
      for (const msg of batch) {
        let decoded: Decoded;
        try {
          decoded = this.decode(msg.subject, msg.data);
        } catch (error) {
          await this.fail(msg, error);
          continue;
        }
        if (decoded === 'skipped') {
          this.settle(msg, { kind: 'ack' });
          this.count('skipped');
        } else {
          work.push({ msg, ...decoded });
        }
      }
      if (work.length === 0) return;
      try {
        const outcomes = await this.options.dataSource.transaction((tx) => this.apply(work, tx));
        work.forEach(({ msg }, i) => {
          this.settle(msg, { kind: 'ack' });
          this.count(outcomes[i] ?? 'applied');
        });
      } catch (error) {
        if (work.length === 1) await this.fail(work[0]!.msg, error);
        else for (const { msg } of work) await this.processBatch([msg]);
      }
    } finally {
      timer?.();
    }
  }

  private decode(subject: string, data: Uint8Array): Decoded {
    const replayRoot = this.subjects.replayRoot();
    if (subject.startsWith(replayRoot) && subject !== this.subjects.replay(this.options.durable)) {
      return 'skipped';
    }
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(data));
    } catch {
      throw new PoisonEventError('message body is not JSON');
    }
    const type = (raw as { type?: unknown } | null)?.type;
    const handler = typeof type === 'string' ? this.handlers.get(type) : undefined;
    if (!handler) return 'skipped';
    // Our own stream's events were validated by the outbox that wrote them; a replayed dead letter may be
    // one that broke its contract, so it is checked in full.
    const checked = subject.startsWith(replayRoot)
      ? validateEvent(handler.definition, raw)
      : checkOwnEvent(handler.definition, raw);
    if (!checked.ok) throw new PoisonEventError(`invalid ${String(type)}: ${JSON.stringify(checked.problems)}`);
    if (handler.concerns && !handler.concerns(checked.value)) return 'skipped';
    return { event: checked.value, handler };
  }

  /** One inbox insert for the whole batch tells which events are new; only those reach their handler. */
  private async apply(
    work: Array<{ msg: JsMsg; event: EventEnvelope<object>; handler: EventHandler<object> }>,
    tx: EntityManager,
  ): Promise<Outcome[]> {
    const rows: Array<{ event_id: string }> = await tx.query(
      `INSERT INTO "${this.options.schema}".inbox (consumer, event_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.durable, work.map((w) => w.event.id)],
    );
    const retried = work.filter((w) => w.msg.info.redelivered).map((w) => w.msg.seq);
    if (retried.length > 0) {
      // Their earlier failures are settled by this success.
      await tx.query(
        `DELETE FROM "${this.options.schema}".consumer_failures WHERE consumer = $1 AND stream_seq = ANY($2::bigint[])`,
        [this.options.durable, retried],
      );
    }
    const fresh = new Set(rows.map((r) => r.event_id.toLowerCase()));
    const outcomes: Outcome[] = [];
    const batch = new BatchScope([...fresh]);
    for (const { event, handler } of work) {
      // `delete` also makes a second copy of the same event within this batch a duplicate.
      if (!fresh.delete(event.id.toLowerCase())) {
        outcomes.push('duplicate');
        continue;
      }
      await runWithCorrelation({ correlationId: event.correlationId, causationId: event.id }, () =>
        handler.handle(event, tx, batch),
      );
      outcomes.push('applied');
    }
    await batch.finish();
    return outcomes;
  }

  private async fail(msg: JsMsg, error: unknown): Promise<void> {
    const poison = error instanceof PoisonEventError;
    let attempt = 1;
    if (!poison) {
      try {
        attempt = await this.recordFailure(msg, error);
      } catch (recordError) {
        // Most likely the database is unreachable: not the event's fault, so no attempt is counted. The
        // back-off follows JetStream's delivery count; its max_deliver is the backstop.
        this.options.logger.warn(
          { err: recordError, handlerError: String(error), seq: msg.seq, consumer: this.options.durable },
          'event handling failed and the failure could not be recorded; will retry',
        );
        this.count('retried');
        this.settle(msg, { kind: 'nak', delayMs: this.delayFor(msg.info.deliveryCount) });
        return;
      }
    }
    if (poison || attempt >= this.maxAttempts) {
      try {
        await publishDeadLetter(this.options.js, this.subjects, {
          consumer: this.options.durable,
          subject: msg.subject,
          seq: msg.seq,
          data: msg.data,
          headers: msg.headers,
          error,
          deliveries: attempt,
        });
        this.settle(msg, { kind: 'term', reason: String(error).slice(0, 200) });
        this.count('dead_lettered');
        this.options.logger.error(
          { err: error, subject: msg.subject, seq: msg.seq, attempt, consumer: this.options.durable },
          'event sent to the dead-letter stream',
        );
        await this.forgetFailures(msg.seq);
      } catch (dlqError) {
        // Never drop an event we could not park: let JetStream deliver it again.
        this.options.logger.error({ err: dlqError }, 'could not dead-letter event; leaving it for redelivery');
        this.settle(msg, { kind: 'nak', delayMs: this.delayFor(attempt) });
      }
      return;
    }
    this.count('retried');
    this.options.logger.warn(
      { err: error, subject: msg.subject, seq: msg.seq, attempt, consumer: this.options.durable },
      'event handling failed; will retry',
    );
    this.settle(msg, { kind: 'nak', delayMs: this.delayFor(attempt) });
  }

  /** Counts one failed attempt of the message; returns the attempts so far. */
  private async recordFailure(msg: JsMsg, error: unknown): Promise<number> {
    const rows: Array<{ attempts: number }> = await this.options.dataSource.query(
      `INSERT INTO "${this.options.schema}".consumer_failures AS f (consumer, stream_seq, attempts, last_error)
       VALUES ($1, $2, 1, $3)
       ON CONFLICT (consumer, stream_seq)
       DO UPDATE SET attempts = f.attempts + 1, last_error = EXCLUDED.last_error, failed_at = now()
       RETURNING attempts`,
      [this.options.durable, msg.seq, String(error instanceof Error ? error.message : error).slice(0, 2_000)],
    );
    return rows[0]?.attempts ?? 1;
  }

  private async forgetFailures(seq: number): Promise<void> {
    await this.options.dataSource
      .query(`DELETE FROM "${this.options.schema}".consumer_failures WHERE consumer = $1 AND stream_seq = $2`, [
        this.options.durable,
        seq,
      ])
      .catch((error: unknown) => this.options.logger.warn({ err: error, seq }, 'could not clear failure count'));
  }

  private delayFor(attempt: number): number {
    return this.backoffMs[Math.min(Math.max(attempt, 1) - 1, this.backoffMs.length - 1)] ?? 1_000;
  }

  /** Reads JetStream's max-deliveries advisories about this consumer (kept in a stream) one by one. */
  private async watchAdvisories(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const msg of messages) {
        try {
          await this.onMaxDeliveries(msg.json<MaxDeliveriesAdvisory>());
          msg.ack();
        } catch (error) {
          this.options.logger.error(
            { err: error, consumer: this.options.durable },
            'could not handle a max-deliveries advisory; will retry',
          );
          msg.nak(5_000);
        }
      }
    } catch (error) {
      if (!this.stopping) this.options.logger.error({ err: error }, 'advisory watch ended');
    }
  }

  /**
   * JetStream stopped delivering a message to this consumer (max_deliver reached) and will never deliver
   * it again. Unless the event was applied after all (it is in the inbox) or is not this consumer's, it
   * goes to the dead-letter stream, with the same message id the consumer itself would have used.
   */
  async onMaxDeliveries(advisory: MaxDeliveriesAdvisory): Promise<'dead_lettered' | 'applied' | 'skipped' | 'gone'> {
    const { jsm, config, durable } = this.options;
    let stored: StoredMsg | null = null;
    try {
      stored = await jsm.streams.getMessage(config.eventsStream, { seq: advisory.stream_seq });
    } catch (error) {
      if (!/no message found|not found/i.test(String(error))) throw error;
    }
    if (!stored) {
      this.options.logger.error(
        { seq: advisory.stream_seq, consumer: durable },
        'JetStream gave up on an event that is no longer in the stream: it cannot be dead-lettered',
      );
      return 'gone';
    }
    let reason = `JetStream stopped delivering the event after ${advisory.deliveries} deliveries (max_deliver)`;
    try {
      const decoded = this.decode(stored.subject, stored.data);
      if (decoded === 'skipped') return 'skipped';
      const found: unknown[] = await this.options.dataSource.query(
        `SELECT 1 FROM "${this.options.schema}".inbox WHERE consumer = $1 AND event_id = $2`,
        [durable, decoded.event.id],
      );
      if (found.length > 0) return 'applied';
    } catch (error) {
      if (!(error instanceof PoisonEventError)) throw error;
      reason = `${reason}; ${error.message}`;
    }
    await publishDeadLetter(this.options.js, this.subjects, {
      consumer: durable,
      subject: stored.subject,
      seq: stored.seq,
      data: stored.data,
      headers: stored.header,
      error: reason,
      deliveries: advisory.deliveries,
    });
    await this.forgetFailures(stored.seq);
    this.count('gave_up');
    this.options.logger.error(
      { subject: stored.subject, seq: stored.seq, deliveries: advisory.deliveries, consumer: durable },
      'JetStream gave up on an event; sent to the dead-letter stream',
    );
    return 'dead_lettered';
  }

  private count(outcome: Outcome | 'retried' | 'dead_lettered' | 'gave_up'): void {
    this.options.metrics?.eventsHandled.inc({ consumer: this.options.durable, outcome });
  }
}

/** An event that can never be applied (not JSON, wrong shape): retrying would not help. */
export class PoisonEventError extends Error {}

/** Whether the server takes `filter_subjects` (a list), which NATS does from 2.10 on. */
export function supportsSubjectLists(nc: Pick<NatsConnection, 'info'>): boolean {
  const [major = 0, minor = 0] = (nc.info?.version ?? '0.0').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

/** Creates the durable consumer, or brings an existing one to `config` (filter, ack wait, limits). */
async function upsertConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
): Promise<void> {
  try {
    await jsm.consumers.info(stream, config.durable_name);
  } catch {
    try {
      await jsm.consumers.add(stream, config);
      return;
    } catch (error) {
      if (!String(error).includes('already')) throw error;
    }
  }
  await jsm.consumers.update(stream, config.durable_name, config);
}
