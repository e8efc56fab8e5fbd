import {
  createTestDatabase,
  createTestMessaging,
  startOwnNatsServer,
  waitFor,
  type OwnNatsServer,
  type TestDatabase,
} from '@cau/testing';
import type { DurableConsumer, OutboxRelay } from '../src/index.js';
import {
  appliedTexts,
  commitNote,
  newRelay,
  openHarness,
  publishNote,
  recordingConsumer,
  type Harness,
} from './fixtures/messaging-harness.js';

/**
 * NATS killed (SIGKILL) and started again under a consumer and a relay (issue 10: after a NATS restart the
 * platform stalled for minutes). The server is one of the test's own, on its own port and store.
 */
describe('messaging: a NATS restart', () => {
  let nats: OwnNatsServer;
  let database: TestDatabase;
  let h: Harness;

  beforeAll(async () => {
    nats = await startOwnNatsServer();
    database = await createTestDatabase('natsrestart');
    const messaging = createTestMessaging();
    h = await openHarness({
      database,
      messaging,
      env: { ...messaging.env, NATS_URL: nats.url, DATABASE_URL: database.url },
      cleanup: async () => undefined,
    });
  });

  afterAll(async () => {
    await h?.close();
    await database?.drop();
    await nats?.cleanup();
  });

  it('settles what it applied while NATS was down and applies what is published after the restart within seconds', async () => {
    // What a batch applied during the outage is acknowledged into a dead connection; the ack wait (two
    // minutes here, so that a busy machine cannot blur the difference) is what JetStream would otherwise
    // wait before delivering those events again, holding them unacknowledged meanwhile.
    const handlerEntered = signal();
    const natsKilled = signal();
    const consumer = recordingConsumer(h, 'restart', {
      batchSize: 5,
      ackWaitMs: 120_000,
      beforeApply: async (text) => {
        if (!text.startsWith('held-')) return;
        handlerEntered.resolve();
        await natsKilled.promise;
      },
    });
    const relay = newRelay(h, database.url);
    const reconnected = watchReconnections(h, consumer, relay);
    await consumer.start();
    await relay.start();
    try {
      for (let i = 1; i <= 5; i++) await publishNote(h, `held-${i}`);
      await handlerEntered.promise;
      await nats.kill();
      natsKilled.resolve();
      // The batch is applied (its transaction does not need NATS) while the server is down.
      await waitFor(async () => (await appliedTexts(h, 'restart', 'held-')).length === 5, { what: 'held batch' });
      await nats.restart();
      const restartedAt = Date.now();
      await reconnected.next;

      const after = Array.from({ length: 20 }, (_, i) => `after-${String(i).padStart(2, '0')}`);
      for (const text of after) await commitNote(h, text);
      await waitFor(async () => (await appliedTexts(h, 'restart', 'after-')).length === after.length, {
        what: 'events committed after the restart',
        timeoutMs: 45_000,
      });
      await waitFor(async () => (await h.jsm.consumers.info(h.config.eventsStream, 'restart')).num_ack_pending === 0, {
        what: 'nothing left unacknowledged',
        timeoutMs: 45_000,
      });
      // Well inside the ack wait: the acknowledgements were sent again, not waited out.
      expect(Date.now() - restartedAt).toBeLessThan(60_000);
      expect(await appliedTexts(h, 'restart', 'held-')).toEqual(['held-1', 'held-2', 'held-3', 'held-4', 'held-5']);
      expect(await appliedTexts(h, 'restart', 'after-')).toEqual(after);
    } finally {
      reconnected.stop();
      await relay.stop();
      await consumer.stop();
    }
  }, 150_000);
});

/** What start-service.ts does on a reconnection, and a promise for the next one. */
function watchReconnections(
  h: Harness,
  consumer: DurableConsumer,
  relay: OutboxRelay,
): { next: Promise<void>; stop(): void } {
  let stopped = false;
  const reconnection = signal();
  void (async () => {
    for await (const status of h.nc.status()) {
      if (stopped) break;
      if (status.type === 'reconnect') {
        relay.reconnected();
        consumer.reconnected();
        reconnection.resolve();
      }
    }
  })();
  return {
    next: reconnection.promise,
    stop: () => {
      stopped = true;
    },
  };
}

/** A promise and what resolves it (Promise.withResolvers, which Node 20 lacks). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
