import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { TEST_NATS_URL } from '@cau/testing';
import { RpcClient, ServiceUnavailableError, Subjects } from '../src/index.js';

/**
 * RpcClient's own reply inbox (one subscription, replies matched by their last token), against a real NATS with
 * a plain responder speaking Nest's packet format: answers reach the call that asked even when they come back in
 * another order, and every way of not being answered is a ServiceUnavailableError naming why.
 */
describe('messaging: RpcClient', () => {
  const prefix = `rpcclient${randomUUID().slice(0, 8)}`;
  const subjects = new Subjects({ subjectPrefix: prefix });
  let server: NatsConnection;
  let client: NatsConnection;
  let rpc: RpcClient;

  const unavailable = (call: Promise<unknown>) =>
    call.then(
      () => null,
      (error: unknown) => error as ServiceUnavailableError,
    );

  beforeAll(async () => {
    server = await connect({ servers: TEST_NATS_URL });
    client = await connect({ servers: TEST_NATS_URL });
    server.subscribe(subjects.command('echo.v1'), {
      callback: (_error, msg) => {
        const packet = msg.json<{ id: string; data: { text: string; delayMs?: number } }>();
        const answer = () => msg.respond(JSON.stringify({ id: packet.id, response: { echo: packet.data.text } }));
        if (packet.data.delayMs) {
          setTimeout(answer, packet.data.delayMs);
        } else answer();
      },
    });
    server.subscribe(subjects.command('silent.v1'), { callback: () => undefined });
    await server.flush();
    rpc = new RpcClient(client, subjects, 2_000);
  });

  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('answers each call with its own reply, also when the replies come back in another order', async () => {
    const answers = await Promise.all([
      rpc.send('echo.v1', { text: 'slow', delayMs: 300 }),
      rpc.send('echo.v1', { text: 'medium', delayMs: 100 }),
      rpc.send('echo.v1', { text: 'fast' }),
    ]);
    expect(answers).toEqual([{ echo: 'slow' }, { echo: 'medium' }, { echo: 'fast' }]);
  });

  it('fails at once with no-responders when nobody serves the subject', async () => {
    const started = Date.now();
    const error = await unavailable(rpc.send('nobody.v1', {}));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ reason: 'no-responders', subject: subjects.command('nobody.v1') });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails with timeout at the deadline, ignores the late answer, and the next call is answered', async () => {
    expect(await unavailable(rpc.send('silent.v1', {}, { timeoutMs: 200 }))).toMatchObject({ reason: 'timeout' });
    const late = await unavailable(rpc.send('echo.v1', { text: 'late', delayMs: 400 }, { timeoutMs: 150 }));
    expect(late).toMatchObject({ reason: 'timeout' });
    // The late answer arrives while the next call waits, and does not answer it.
    expect(await rpc.send('echo.v1', { text: 'next', delayMs: 500 })).toEqual({ echo: 'next' });
  });

  it('fails what still waits, and later calls, with disconnected when its connection closes', async () => {
    const own = await connect({ servers: TEST_NATS_URL });
    const closing = new RpcClient(own, subjects, 5_000);
    const waiting = unavailable(closing.send('echo.v1', { text: 'never', delayMs: 1_000 }));
    await own.flush();
    await own.close();
    expect(await waiting).toMatchObject({ reason: 'disconnected' });
    expect(await unavailable(closing.send('echo.v1', { text: 'after' }))).toMatchObject({ reason: 'disconnected' });
  });
});
