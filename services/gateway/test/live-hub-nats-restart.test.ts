import { randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { Subjects, createLogger, ensureStreams, messagingConfigFromEnv, type ServiceRuntime } from '@cau/messaging';
import { createTestMessaging, startOwnNatsServer, waitFor, type OwnNatsServer } from '@cau/testing';
import { LiveEventHub } from '../src/live/live-event-hub.js';

/**
 * The live hub's ordered consumer across a NATS restart (SIGKILL): the events published afterwards reach the
 * open connections, which stay open. Before the hub renewed its consumer itself, the one the client library
 * recreated delivered a few events and then nothing for 30 s (found by `npm run bench -- chaos`).
 */
describe('gateway: the live event hub across a NATS restart', () => {
  let nats: OwnNatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let hub: LiveEventHub;
  let subjects: Subjects;

  beforeAll(async () => {
    nats = await startOwnNatsServer();
    const messaging = createTestMessaging();
    const config = messagingConfigFromEnv({ ...messaging.env, NATS_URL: nats.url });
    nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    const jsm = await jetstreamManager(nc);
    js = jetstream(nc);
    await ensureStreams(jsm, config);
    subjects = new Subjects(config);
    // What the hub uses of a service's runtime: the stream, its subjects, a logger.
    const runtime = { js, jsm, messaging: config, subjects, logger: createLogger('gateway', 'silent') };
    hub = new LiveEventHub(runtime as unknown as ServiceRuntime);
  });

  afterAll(async () => {
    await hub?.onModuleDestroy();
    await nc?.close();
    await nats?.cleanup();
  });

  /** Publishes a ticket event (its content does not matter to the hub's position); answers its sequence. */
  const publish = async (): Promise<number> => {
    const id = randomUUID();
    const h = natsHeaders();
    h.set('Nats-Msg-Id', id);
    const body = { id, type: 'ticket.estimated', version: 1, occurredAt: new Date().toISOString(), data: {} };
    for (;;) {
      try {
        return (await js.publish(subjects.event('ticket.estimated', 'L1'), JSON.stringify(body), { headers: h })).seq;
      } catch {
        // Not reconnected yet: the same message again (its id makes a second copy a duplicate).
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };

  it('hands on every event published after the restart, without ending the connections', async () => {
    const seen: number[] = [];
    const ended: string[] = [];
    await hub.subscribe({ push: (item) => seen.push(item.seq), end: (reason) => ended.push(reason) });
    let last = 0;
    for (let i = 0; i < 5; i++) last = await publish();
    await waitFor(async () => seen.includes(last), { what: 'the events before the restart' });

    await nats.restart();
    for (let i = 0; i < 300; i++) last = await publish();
    // Well below the 30 s the stalled consumer waited; above a busy machine's reconnection.
    await waitFor(async () => seen.includes(last), { timeoutMs: 15_000, what: 'the events after the restart' });

    expect(ended).toEqual([]);
    // In stream order, each once.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(305);
  });
});
