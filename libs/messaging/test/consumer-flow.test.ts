import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { createTestInfrastructure, repoRoot, waitFor, type TestInfrastructure } from '@cau/testing';
import {
  DeadLetters,
  HealthController,
  MessagingMetrics,
  advisoryStreamName,
  supportsSubjectLists,
  type ServiceRuntime,
} from '../src/index.js';
import {
  NoteAdded,
  SCHEMA,
  appliedTexts,
  openHarness,
  publishNote,
  recordingConsumer,
  type Harness,
} from './fixtures/messaging-harness.js';

/** Stands in for Fastify's reply: the health report sets its status on it (503 when down). */
const answeredStatus = { status: (_code: number) => answeredStatus };

/**
 * Flow control of durable consumers (issue 10): a slow consumer holds about one batch, is not redelivered
 * what it is still working on, spends attempts on real failures only, and loses nothing JetStream gives up on.
 */
describe('messaging: durable consumer flow control and give-ups', () => {
  let infra: TestInfrastructure;
  let h: Harness;

  beforeAll(async () => {
    infra = await createTestInfrastructure('consumerflow');
    h = await openHarness(infra);
  });

  afterAll(async () => {
    await h?.close();
    await infra?.cleanup();
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const metricValue = async (
    metric: { get(): Promise<{ values: Array<{ value: number; labels: Record<string, unknown> }> }> },
    consumer: string,
  ) => (await metric.get()).values.filter((v) => v.labels.consumer === consumer).reduce((sum, v) => sum + v.value, 0);

  // First in the file: a new durable starts at the beginning of the stream, which is empty here.
  it('dead-letters an event JetStream stops delivering (max_deliver), even when the advisory came while no consumer ran', async () => {
    const durable = 'abandoned';
    const consumer = recordingConsumer(h, durable, { maxDeliveries: 2, ackWaitMs: 1_000 });
    await consumer.start(); // creates the durable and its advisory reader with this configuration
    await consumer.stop();
    await publishNote(h, 'gone-taken-and-dropped');

    // A process that takes the event and dies without acknowledging it, twice.
    const raw = await h.js.consumers.get(h.config.eventsStream, durable);
    for (let delivery = 1; delivery <= 2; delivery++) {
      const msg = await waitFor(async () => raw.next({ expires: 1_500 }), {
        what: `delivery ${delivery}`,
        timeoutMs: 10_000,
      });
      expect(msg.info.deliveryCount).toBe(delivery);
    }
    // JetStream gives up once the second ack wait has passed and someone asks for messages again (here a
    // pull that gets nothing); its advisory, published while no consumer runs, is kept in the advisory stream.
    await waitFor(
      async () => {
        expect(await raw.next({ expires: 1_500 })).toBeNull();
        return (await h.jsm.streams.info(advisoryStreamName(h.config))).state.messages >= 1;
      },
      { what: 'max-deliveries advisory', timeoutMs: 10_000 },
    );
    expect((await h.jsm.consumers.info(h.config.eventsStream, durable)).num_ack_pending).toBe(0);

    const letters = new DeadLetters(h.jsm, h.js, h.config);
    const restarted = recordingConsumer(h, durable, { maxDeliveries: 2, ackWaitMs: 1_000 });
    await restarted.start();
    try {
      const parked = await waitFor(async () => (await letters.list({ consumer: durable }))[0], {
        what: 'dead letter from the advisory',
      });
      expect(parked.deliveries).toBe(2);
      expect(parked.error).toMatch(/max_deliver/);
      expect(parked.originalSubject).toBe(h.subjects.event('test.note-added'));
      expect(await appliedTexts(h, durable, 'gone-')).toEqual([]);

      // Replayed, it is applied once.
      await letters.replay(parked.seq);
      await waitFor(async () => (await appliedTexts(h, durable, 'gone-')).length === 1, { what: 'replayed event' });

      // An advisory about an event that was applied after all (in the inbox) parks nothing.
      const seq = (await h.jsm.streams.info(h.config.eventsStream)).state.last_seq;
      expect(
        await restarted.onMaxDeliveries({
          stream: h.config.eventsStream,
          consumer: durable,
          stream_seq: seq,
          deliveries: 2,
        }),
      ).toBe('applied');
      expect(await letters.list({ consumer: durable })).toEqual([]);
    } finally {
      await restarted.stop();
    }
  });

  it('loses nothing when the consuming process is SIGKILLed while it holds a batch, again and again', async () => {
    const durable = 'crashy';
    const total = 60;
    const settings = { batchSize: 10, ackWaitMs: 1_000, maxDeliveries: 2 };
    // Create the durable (and skip the earlier tests' events) before the backlog.
    const first = recordingConsumer(h, durable, settings);
    await first.start();
    await waitFor(async () => first.lag().readAt && first.lag().pending + first.lag().ackPending === 0, {
      what: 'earlier events',
      timeoutMs: 30_000,
    });
    await first.stop();
    const texts = Array.from({ length: total }, (_, i) => `crash-${String(i).padStart(3, '0')}`);
    for (const text of texts) await publishNote(h, text);

    const script = path.join(repoRoot(), 'libs', 'messaging', 'test', 'fixtures', 'consumer-process.mjs');
    const spawnConsumer = (eventMs: number): { child: ChildProcess; output: () => string } => {
      const child = spawn(process.execPath, [script], {
        env: {
          ...process.env,
          ...infra.env,
          CONSUMER_SCHEMA: SCHEMA,
          CONSUMER_DURABLE: durable,
          CONSUMER_BATCH_SIZE: String(settings.batchSize),
          CONSUMER_ACK_WAIT_MS: String(settings.ackWaitMs),
          CONSUMER_MAX_DELIVERIES: String(settings.maxDeliveries),
          CONSUMER_EVENT_MS: String(eventMs),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      return { child, output: () => output };
    };
    const kill = async (child: ChildProcess): Promise<void> => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    };
    const info = () => h.jsm.consumers.info(h.config.eventsStream, durable);

    // Round 1: killed after it applied some, while it holds a batch it has not applied.
    const one = spawnConsumer(50);
    try {
      await waitFor(
        async () => (await appliedTexts(h, durable, 'crash-')).length >= 5 && (await info()).num_ack_pending > 0,
        { what: `round 1 progress: ${one.output()}`, timeoutMs: 30_000, intervalMs: 20 },
      );
    } finally {
      await kill(one.child);
    }
    const appliedInRoundOne = (await appliedTexts(h, durable, 'crash-')).length;
    expect(appliedInRoundOne).toBeLessThan(total);
    // Let round 1's ack wait run out, so its batch is what JetStream delivers (a second time) first.
    await sleep(settings.ackWaitMs * 1.5);

    // Round 2: a very slow holder, killed once the redelivered batch has reached it: a second delivery
    // without a verdict, JetStream's max_deliver (2) for those events.
    const deliveredBefore = (await info()).delivered.consumer_seq;
    const two = spawnConsumer(3_000);
    try {
      await waitFor(async () => (await info()).delivered.consumer_seq > deliveredBefore, {
        what: `round 2 delivery: ${two.output()}`,
        timeoutMs: 30_000,
        intervalMs: 20,
      });
      await sleep(300); // the rest of its pull request arrives; nothing is applied within 3 s
    } finally {
      await kill(two.child);
    }
    expect((await appliedTexts(h, durable, 'crash-')).length).toBe(appliedInRoundOne);

    // The restarted consumer applies the rest; what JetStream gave up on (held by both killed processes,
    // max_deliver 2) reaches the dead-letter stream through its advisory. Nothing is lost or applied twice.
    const letters = new DeadLetters(h.jsm, h.js, h.config);
    const restarted = recordingConsumer(h, durable, settings);
    await restarted.start();
    try {
      const parkedTexts = async () =>
        (await letters.list({ consumer: durable }))
          .map((l) => (JSON.parse(new TextDecoder().decode(l.data)) as { data: { text: string } }).data.text)
          .filter((t) => t.startsWith('crash-'));
      await waitFor(
        async () => (await appliedTexts(h, durable, 'crash-')).length + (await parkedTexts()).length >= total,
        { what: 'every event applied or dead-lettered', timeoutMs: 30_000 },
      );
      const applied = await appliedTexts(h, durable, 'crash-');
      const parked = await parkedTexts();
      expect(new Set(applied).size).toBe(applied.length); // none twice
      expect(new Set(parked).size).toBe(parked.length);
      expect(applied.filter((t) => parked.includes(t))).toEqual([]);
      expect([...applied, ...parked].sort()).toEqual(texts);
      expect(parked.length).toBeGreaterThan(0); // the advisory path did its part
    } finally {
      await restarted.stop();
    }
  }, 120_000);

  it('brings an existing durable to the new configuration on start', async () => {
    const durable = 'old-config';
    await h.jsm.consumers.add(h.config.eventsStream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: h.subjects.allEvents(),
      ack_wait: nanos(30_000),
      max_deliver: 6,
      max_ack_pending: 10_000,
    });
    const consumer = recordingConsumer(h, durable, { batchSize: 25, ackWaitMs: 45_000 });
    await consumer.start();
    try {
      const { config } = await h.jsm.consumers.info(h.config.eventsStream, durable);
      expect(config.max_ack_pending).toBe(50);
      expect(config.ack_wait).toBe(nanos(45_000));
      expect(config.max_deliver).toBe(50);
    } finally {
      await consumer.stop();
    }
  });

  it('moves a durable that took every event to its handlers’ subjects in place: same position, only its types', async () => {
    const durable = 'narrowed';
    await h.jsm.consumers.add(h.config.eventsStream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: h.subjects.allEvents(),
      ack_wait: nanos(30_000),
      max_deliver: 6,
      max_ack_pending: 10_000,
    });
    // The old release applied everything published so far (earlier tests' events and these two).
    await publishNote(h, 'narrow-before-1');
    await publishNote(h, 'narrow-before-2');
    const old = await h.js.consumers.get(h.config.eventsStream, durable);
    for (;;) {
      const info = await h.jsm.consumers.info(h.config.eventsStream, durable);
      if (info.num_pending === 0 && info.num_ack_pending === 0) break;
      const batch = await old.fetch({ max_messages: 500, expires: 1_000 });
      for await (const msg of batch) msg.ack();
    }
    const position = (await h.jsm.consumers.info(h.config.eventsStream, durable)).ack_floor.stream_seq;

    await publishNote(h, 'narrow-after-1');
    const otherType = { id: randomUUID(), type: 'test.not-handled', version: 1, data: {} };
    await h.js.publish(h.subjects.event(otherType.type), JSON.stringify(otherType), { msgID: otherType.id });
    await publishNote(h, 'narrow-after-2');

    const metrics = new MessagingMetrics('consumer-narrow-test');
    const consumer = recordingConsumer(h, durable, { metrics });
    await consumer.start();
    try {
      await waitFor(async () => (await appliedTexts(h, durable, 'narrow-')).length >= 2, { what: 'the two new notes' });
      await waitFor(async () => (await h.jsm.consumers.info(h.config.eventsStream, durable)).num_ack_pending === 0, {
        what: 'every delivery acknowledged',
      });
      const info = await h.jsm.consumers.info(h.config.eventsStream, durable);
      // Nothing before the position was delivered again.
      expect(await appliedTexts(h, durable, 'narrow-')).toEqual(['narrow-after-1', 'narrow-after-2']);
      expect(info.ack_floor.stream_seq).toBeGreaterThan(position);
      const skipped = (await metrics.eventsHandled.get()).values
        .filter((v) => v.labels.consumer === durable && v.labels.outcome === 'skipped')
        .reduce((sum, v) => sum + v.value, 0);
      if (supportsSubjectLists(h.nc)) {
        expect(info.config.filter_subjects).toEqual(
          [h.subjects.event(NoteAdded.type), h.subjects.replay(durable)].sort(),
        );
        expect(info.config.filter_subject ?? '').toBe('');
        expect(skipped).toBe(0); // the other type was never delivered
      } else {
        // NATS before 2.10 has one filter: every event, the other type delivered and skipped.
        expect(info.config.filter_subject).toBe(h.subjects.allEvents());
        expect(skipped).toBe(1);
      }
    } finally {
      await consumer.stop();
    }
  });

  it('acknowledges the events its handler does not concern without applying them or keeping them in the inbox', async () => {
    const durable = 'choosy';
    const metrics = new MessagingMetrics('consumer-concerns-test');
    const consumer = recordingConsumer(h, durable, { metrics, concerns: (text) => !text.startsWith('choosy-skip') });
    const skipped = async () =>
      (await metrics.eventsHandled.get()).values
        .filter((v) => v.labels.consumer === durable && v.labels.outcome === 'skipped')
        .reduce((sum, v) => sum + v.value, 0);
    const caughtUp = async () => {
      const info = await h.jsm.consumers.info(h.config.eventsStream, durable);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    };
    await consumer.start();
    try {
      // The stream holds earlier tests' events: counted from once they are through.
      await waitFor(caughtUp, { what: 'the earlier events through' });
      const skippedBefore = await skipped();
      const skippedId = await publishNote(h, 'choosy-skip-1');
      await publishNote(h, 'choosy-keep-1');
      await publishNote(h, 'choosy-skip-2');
      await publishNote(h, 'choosy-keep-2');
      await waitFor(async () => (await appliedTexts(h, durable, 'choosy-')).length >= 2, {
        what: 'the two kept notes',
      });
      await waitFor(caughtUp, { what: 'every delivery acknowledged' });
      expect(await appliedTexts(h, durable, 'choosy-')).toEqual(['choosy-keep-1', 'choosy-keep-2']);
      const inbox: unknown[] = await h.dataSource.query(
        `SELECT 1 FROM "${SCHEMA}".inbox WHERE consumer = $1 AND event_id = $2`,
        [durable, skippedId],
      );
      expect(inbox).toEqual([]);
      expect((await skipped()) - skippedBefore).toBe(2);
    } finally {
      await consumer.stop();
    }
  });

  it('spends attempts on handler failures only, not on redeliveries that were not the event’s fault', async () => {
    const durable = 'patient';
    const failedOnce = new Set<string>();
    const consumer = recordingConsumer(h, durable, {
      maxAttempts: 2,
      ackWaitMs: 1_000,
      maxDeliveries: 20,
      beforeApply: (text) => {
        if (text === 'patient-flaky' && !failedOnce.has(text)) {
          failedOnce.add(text);
          throw new Error('transient');
        }
      },
    });
    await consumer.start();
    await consumer.stop();
    await publishNote(h, 'patient-flaky');
    // Three deliveries that end without a verdict (a crashed holder), more than maxAttempts.
    const raw = await h.js.consumers.get(h.config.eventsStream, durable);
    let deliveries = 0;
    while (deliveries < 3) {
      const batch = await raw.fetch({ max_messages: 1_000, expires: 1_500 });
      try {
        for await (const msg of batch) {
          if (
            msg.subject === h.subjects.event('test.note-added') &&
            msg.json<{ data: { text: string } }>().data.text === 'patient-flaky'
          ) {
            deliveries = msg.info.deliveryCount;
          }
        }
      } catch (error) {
        // On a busy machine a pull can miss its idle heartbeats and end early: pull again.
        if (!(error instanceof Error && /heartbeats missed/.test(error.message))) throw error;
      }
    }
    const restarted = recordingConsumer(h, durable, {
      maxAttempts: 2,
      ackWaitMs: 1_000,
      maxDeliveries: 20,
      beforeApply: (text) => {
        if (text === 'patient-flaky' && !failedOnce.has(text)) {
          failedOnce.add(text);
          throw new Error('transient');
        }
      },
    });
    await restarted.start();
    try {
      // One real failure (attempt 1 of 2), then applied: JetStream's delivery count (5) does not matter.
      await waitFor(async () => (await appliedTexts(h, durable, 'patient-')).length === 1, { what: 'flaky event' });
      expect(failedOnce.has('patient-flaky')).toBe(true);
      expect(await new DeadLetters(h.jsm, h.js, h.config).list({ consumer: durable })).toEqual([]);
      const failures = await h.dataSource.query(`SELECT * FROM "${SCHEMA}".consumer_failures WHERE consumer = $1`, [
        durable,
      ]);
      expect(failures).toEqual([]);
    } finally {
      await restarted.stop();
    }
  });

  it('dead-letters an event whose handler always fails after the configured attempts', async () => {
    const durable = 'hopeless';
    const consumer = recordingConsumer(h, durable, {
      maxAttempts: 4,
      backoffMs: [20, 40],
      failFor: new Set(['hopeless-pill']),
    });
    await consumer.start();
    const letters = new DeadLetters(h.jsm, h.js, h.config);
    try {
      await publishNote(h, 'hopeless-pill');
      await publishNote(h, 'hopeless-fine');
      const parked = await waitFor(
        async () => (await letters.list({ consumer: durable })).find((l) => l.error.includes('hopeless-pill')),
        { what: 'dead letter' },
      );
      expect(parked.deliveries).toBe(4);
      await waitFor(async () => (await appliedTexts(h, durable, 'hopeless-')).includes('hopeless-fine'), {
        what: 'the other event',
      });
      expect(await appliedTexts(h, durable, 'hopeless-')).toEqual(['hopeless-fine']);
      // The count is forgotten after the letter is parked (and the event terminated): it may still be there.
      await waitFor(
        async () => {
          const failures: unknown[] = await h.dataSource.query(
            `SELECT * FROM "${SCHEMA}".consumer_failures WHERE consumer = $1`,
            [durable],
          );
          return failures.length === 0 || undefined;
        },
        { what: 'the failure count of the dead-lettered event forgotten' },
      );
    } finally {
      await consumer.stop();
    }
  });

  it('works through a backlog of many batches with a slow handler: once each, no ack-wait redeliveries, about one batch held, lag back to 0', async () => {
    const durable = 'slowpoke';
    const batchSize = 10;
    const perEventMs = 150; // a batch takes 1.5 s, longer than the ack wait
    const ackWaitMs = 1_000;
    const total = 100;
    const metrics = new MessagingMetrics('consumer-flow-test');
    // Create the durable at the end of the earlier tests' events, then build the backlog.
    const consumer = recordingConsumer(h, durable, {
      batchSize,
      ackWaitMs,
      lagIntervalMs: 200,
      metrics,
      beforeApply: async () => {
        await sleep(perEventMs);
      },
    });
    await consumer.start();
    await waitFor(
      async () => consumer.lag().pending === 0 && consumer.lag().ackPending === 0 && consumer.lag().readAt,
      {
        what: 'earlier events applied',
        timeoutMs: 30_000,
      },
    );
    await consumer.stop();
    const texts = Array.from({ length: total }, (_, i) => `slow-${String(i).padStart(3, '0')}`);
    for (const text of texts) await publishNote(h, text);

    const health = new HealthController({
      name: 'consumer-flow-test',
      consumers: [consumer],
      dataSource: h.dataSource,
      nc: h.nc,
      natsConnected: true,
    } as unknown as ServiceRuntime);
    await consumer.start();
    let maxAckPending = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const info = await h.jsm.consumers.info(h.config.eventsStream, durable);
        maxAckPending = Math.max(maxAckPending, info.num_ack_pending);
        await sleep(100);
      }
    })();
    try {
      // The backlog shows in the lag, in the metrics and in /health.
      await waitFor(async () => consumer.lag().pending + consumer.lag().ackPending >= total - 2 * batchSize, {
        what: 'lag reflecting the backlog',
      });
      expect(
        (await metricValue(metrics.consumerPending, durable)) +
          (await metricValue(metrics.consumerAckPending, durable)),
      ).toBeGreaterThanOrEqual(total - 2 * batchSize);
      const during = await health.health(answeredStatus);
      expect(during.consumers[durable]!.pending).toBeGreaterThan(0);

      // Sized from the work: 100 events × 150 ms, with room for a loaded machine.
      await waitFor(async () => (await appliedTexts(h, durable, 'slow-')).length >= total, {
        what: `${total} slow events`,
        timeoutMs: total * perEventMs * 4,
        intervalMs: 250,
      });
      await waitFor(async () => consumer.lag().readAt && consumer.lag().pending + consumer.lag().ackPending === 0, {
        what: 'lag back to 0',
      });
      sampling = false;
      await sampler;

      expect(await appliedTexts(h, durable, 'slow-')).toEqual(texts); // each once
      expect(await metricValue(metrics.consumerPending, durable)).toBe(0);
      expect(await metricValue(metrics.consumerAckPending, durable)).toBe(0);
      const after = await health.health(answeredStatus);
      expect(after.consumers[durable]).toMatchObject({ pending: 0, ackPending: 0 });

      // Batches took longer than the ack wait, and nothing was redelivered: the consumer kept them alive.
      expect(await metricValue(metrics.eventsRedelivered, durable)).toBe(0);
      const info = await h.jsm.consumers.info(h.config.eventsStream, durable);
      expect(info.num_redelivered).toBe(0);
      expect(info.delivered.consumer_seq).toBe(info.ack_floor.consumer_seq);
      // It never held more than about one batch (the server would allow two).
      expect(maxAckPending).toBeGreaterThan(0);
      expect(maxAckPending).toBeLessThanOrEqual(2 * batchSize);
      expect(info.config.max_ack_pending).toBe(2 * batchSize);
    } finally {
      sampling = false;
      await sampler;
      await consumer.stop();
    }
  }, 150_000);
});
