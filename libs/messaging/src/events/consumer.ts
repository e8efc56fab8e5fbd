import type { DataSource, EntityManager } from 'typeorm';
import { headers as natsHeaders } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { validateEvent, type EventDefinition, type EventEnvelope } from '@cau/contracts';
import { Subjects, type MessagingConfig } from '../config.js';
import { runWithCorrelation } from '../observability/correlation.js';
import type { MessagingMetrics } from '../observability/metrics.js';

export interface EventHandler<T extends object = object> {
  readonly definition: EventDefinition<T>;
  /** Applies the event inside the consumer's transaction; throw to have it retried. */
  handle(event: EventEnvelope<T>, tx: EntityManager): Promise<void>;
}

export function onEvent<T extends object>(
  definition: EventDefinition<T>,
  handle: (event: EventEnvelope<T>, tx: EntityManager) => Promise<void>,
): EventHandler<T> {
  return { definition, handle };
}

export interface DurableConsumerOptions {
  /** Durable name: one per service (and area), stable across releases. */
  durable: string;
  schema: string;
  dataSource: DataSource;
  js: JetStreamClient;
  jsm: JetStreamManager;
  config: MessagingConfig;
  handlers: EventHandler<object>[];
  logger: Logger;
  metrics?: MessagingMetrics;
  /** Deliveries before an event goes to the dead-letter stream. */
  maxAttempts?: number;
  /** Wait before each retry; the last value repeats. */
  backoffMs?: number[];
  batchSize?: number;
}

/** Header names stamped on dead letters. */
export const DeadLetterHeaders = {
  OriginalSubject: 'Cau-Original-Subject',
  Consumer: 'Cau-Consumer',
  Error: 'Cau-Error',
  Deliveries: 'Cau-Deliveries',
  FailedAt: 'Cau-Failed-At',
  StreamSequence: 'Cau-Stream-Sequence',
} as const;

type Outcome = 'applied' | 'duplicate' | 'skipped';
type Decoded = 'skipped' | { event: EventEnvelope<object>; handler: EventHandler<object> };

/**
 * A durable JetStream pull consumer whose handlers are idempotent by construction: each event's id is
 * inserted into the inbox in the same transaction as the handler's writes, so a redelivery finds it
 * there and changes nothing. Messages are taken in batches (one transaction per batch) for throughput;
 * when a batch fails, its events are retried one by one so one bad event cannot hold the others back.
 */
export class DurableConsumer {
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private readonly handlers = new Map<string, EventHandler<object>>();
  private readonly subjects: Subjects;
  private readonly maxAttempts: number;
  private readonly backoffMs: number[];
  private readonly batchSize: number;
  private stopping = false;

  constructor(private readonly options: DurableConsumerOptions) {
    for (const handler of options.handlers) this.handlers.set(handler.definition.type, handler);
    this.subjects = new Subjects(options.config);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? [1_000, 5_000, 30_000, 120_000];
    this.batchSize = options.batchSize ?? 200;
  }

  async start(): Promise<void> {
    const { jsm, config, durable } = this.options;
    const consumerConfig = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.subjects.allEvents(),
      ack_wait: nanos(30_000),
      // One more than our own attempts: if the process dies during the last attempt, the next delivery
      // still reaches us and goes to the dead-letter stream instead of silently running out.
      max_deliver: this.maxAttempts + 1,
      max_ack_pending: 10_000,
    };
    try {
      await jsm.consumers.info(config.eventsStream, durable);
      await jsm.consumers.update(config.eventsStream, durable, consumerConfig);
    } catch {
      try {
        await jsm.consumers.add(config.eventsStream, consumerConfig);
      } catch (error) {
        if (!String(error).includes('already')) throw error;
      }
    }
    const consumer = await this.options.js.consumers.get(config.eventsStream, durable);
    this.messages = await consumer.consume({ max_messages: this.batchSize * 2 });
    this.loop = this.run(this.messages);
  }

  /** Stops taking messages and waits for the batch in progress to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.messages?.close();
    await this.loop;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    const buffer: JsMsg[] = [];
    const signal: { notify: (() => void) | null; ended: boolean } = { notify: null, ended: false };
    const pump = (async () => {
      for await (const msg of messages) {
        buffer.push(msg);
        signal.notify?.();
      }
      signal.ended = true;
      signal.notify?.();
    })();
    while (!signal.ended || buffer.length > 0) {
      if (buffer.length === 0) {
        await new Promise<void>((resolve) => (signal.notify = resolve));
        signal.notify = null;
        continue;
      }
      const batch = buffer.splice(0, this.batchSize);
      if (this.stopping) {
        // Unprocessed messages are redelivered after a restart; ask for that now rather than after ack_wait.
        for (const msg of batch) msg.nak();
        continue;
      }
      await this.processBatch(batch);
    }
    await pump;
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
          decoded = this.decode(msg);
        } catch (error) {
          await this.fail(msg, error);
          continue;
        }
        if (decoded === 'skipped') {
          msg.ack();
          this.count('skipped');
        } else {
          work.push({ msg, ...decoded });
        }
      }
      if (work.length === 0) return;
      try {
        const outcomes = await this.options.dataSource.transaction((tx) => this.apply(work, tx));
        work.forEach(({ msg }, i) => {
          msg.ack();
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

  private decode(msg: JsMsg): Decoded {
    const replayRoot = this.subjects.replayRoot();
    if (msg.subject.startsWith(replayRoot) && msg.subject !== this.subjects.replay(this.options.durable)) {
      return 'skipped';
    }
    let raw: unknown;
    try {
      raw = msg.json();
    } catch {
      throw new PoisonEventError('message body is not JSON');
    }
    const type = (raw as { type?: unknown } | null)?.type;
    const handler = typeof type === 'string' ? this.handlers.get(type) : undefined;
    if (!handler) return 'skipped';
    const checked = validateEvent(handler.definition, raw);
    if (!checked.ok) throw new PoisonEventError(`invalid ${String(type)}: ${JSON.stringify(checked.problems)}`);
    return { event: checked.value, handler };
  }

  /** One inbox insert for the whole batch tells which events are new; only those reach their handler. */
  private async apply(
    work: Array<{ event: EventEnvelope<object>; handler: EventHandler<object> }>,
    tx: EntityManager,
  ): Promise<Outcome[]> {
    const rows: Array<{ event_id: string }> = await tx.query(
      `INSERT INTO "${this.options.schema}".inbox (consumer, event_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.durable, work.map((w) => w.event.id)],
    );
    const fresh = new Set(rows.map((r) => r.event_id.toLowerCase()));
    const outcomes: Outcome[] = [];
    for (const { event, handler } of work) {
      // `delete` also makes a second copy of the same event within this batch a duplicate.
      if (!fresh.delete(event.id.toLowerCase())) {
        outcomes.push('duplicate');
        continue;
      }
      await runWithCorrelation({ correlationId: event.correlationId, causationId: event.id }, () =>
        handler.handle(event, tx),
      );
      outcomes.push('applied');
    }
    return outcomes;
  }

  private async fail(msg: JsMsg, error: unknown): Promise<void> {
    const attempt = msg.info.deliveryCount;
    const poison = error instanceof PoisonEventError;
    if (poison || attempt >= this.maxAttempts) {
      try {
        await this.deadLetter(msg, error);
        msg.term(String(error).slice(0, 200));
        this.count('dead_lettered');
        this.options.logger.error(
          { err: error, subject: msg.subject, seq: msg.seq, attempt, consumer: this.options.durable },
          'event sent to the dead-letter stream',
        );
      } catch (dlqError) {
        // Never drop an event we could not park: let JetStream deliver it again.
        this.options.logger.error({ err: dlqError }, 'could not dead-letter event; leaving it for redelivery');
        msg.nak(this.delayFor(attempt));
      }
      return;
    }
    this.count('retried');
    this.options.logger.warn(
      { err: error, subject: msg.subject, seq: msg.seq, attempt, consumer: this.options.durable },
      'event handling failed; will retry',
    );
    msg.nak(this.delayFor(attempt));
  }

  private delayFor(attempt: number): number {
    return this.backoffMs[Math.min(attempt - 1, this.backoffMs.length - 1)] ?? 1_000;
  }

  private async deadLetter(msg: JsMsg, error: unknown): Promise<void> {
    const h = natsHeaders();
    const original = msg.headers;
    // Keep the correlation headers; JetStream's own (Nats-Msg-Id…) would confuse the dead-letter stream.
    for (const key of original?.keys() ?? []) {
      if (key.toLowerCase().startsWith('nats-')) continue;
      for (const value of original?.values(key) ?? []) h.append(key, value);
    }
    h.set(DeadLetterHeaders.OriginalSubject, msg.subject);
    h.set(DeadLetterHeaders.Consumer, this.options.durable);
    h.set(DeadLetterHeaders.Error, String(error instanceof Error ? error.message : error).slice(0, 2_000));
    h.set(DeadLetterHeaders.Deliveries, String(msg.info.deliveryCount));
    h.set(DeadLetterHeaders.FailedAt, new Date().toISOString());
    h.set(DeadLetterHeaders.StreamSequence, String(msg.seq));
    await this.options.js.publish(this.subjects.deadLetter(this.options.durable), msg.data, {
      headers: h,
      msgID: `dlq:${this.options.durable}:${msg.seq}`,
    });
  }

  private count(outcome: Outcome | 'retried' | 'dead_lettered'): void {
    this.options.metrics?.eventsHandled.inc({ consumer: this.options.durable, outcome });
  }
}

/** An event that can never be applied (not JSON, wrong shape): retrying would not help. */
export class PoisonEventError extends Error {}
