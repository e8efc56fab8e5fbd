import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { READ_MODELS_DURABLE } from '@cau/contracts';
import type { ServiceRuntime } from '@cau/messaging';
import { ReadSidePosition } from '../src/live/live-event-hub.js';

/** The live stream waits for reporting's consumer: here a real JetStream stream and durable stand in for it. */
describe("gateway: live events wait for the read side's position", () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const stream = `LIVE_READ_SIDE_${randomUUID().slice(0, 8).toUpperCase()}`;
  const subject = `${stream.toLowerCase()}.ticket`;
  const runtime = () => ({ jsm, messaging: { eventsStream: stream } }) as unknown as ServiceRuntime;
  const settled = (promise: Promise<void>) => {
    const state = { done: false };
    void promise.then(() => (state.done = true));
    return state;
  };

  beforeAll(async () => {
    nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [`${subject}.>`] });
  });

  afterAll(async () => {
    await jsm?.streams.delete(stream);
    await nc?.close();
  });

  it('goes on at once without a read side on the stream', async () => {
    const started = Date.now();
    await new ReadSidePosition(runtime()).reached(1);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('holds an event until the read side acknowledged it, and not those it already applied', async () => {
    await jsm.consumers.add(stream, {
      durable_name: READ_MODELS_DURABLE,
      ack_policy: AckPolicy.Explicit,
      filter_subject: `${subject}.>`,
    });
    const js = jetstream(nc);
    const seqs: number[] = [];
    for (let i = 0; i < 3; i++) seqs.push((await js.publish(`${subject}.registered`, JSON.stringify({ i }))).seq);
    const position = new ReadSidePosition(runtime());
    const second = settled(position.reached(seqs[1]!));

    const consumer = await js.consumers.get(stream, READ_MODELS_DURABLE);
    const first = await consumer.next();
    first!.ack();
    await first!.ackAck();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(second.done).toBe(false);

    const next = await consumer.next();
    next!.ack();
    await next!.ackAck();
    const deadline = Date.now() + 2_000;
    while (!second.done && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second.done).toBe(true);

    // Already applied: no wait at all (bounded well under the 3 s give-up, so a busy machine passes too).
    const started = Date.now();
    await position.reached(seqs[0]!);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('lets an event out after a while when the read side does not move, and does not wait for a while after', async () => {
    const js = jetstream(nc);
    const { seq } = await js.publish(`${subject}.taken`, '{}');
    const position = new ReadSidePosition(runtime());
    const started = Date.now();
    await position.reached(seq);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(2_900);
    const { seq: later } = await js.publish(`${subject}.commented`, '{}');
    const again = Date.now();
    await position.reached(later);
    expect(Date.now() - again).toBeLessThan(1_000);
  });
});
