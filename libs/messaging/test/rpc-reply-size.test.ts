import { randomUUID } from 'node:crypto';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, type MicroserviceOptions } from '@nestjs/microservices';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ErrorCode } from '@cau/contracts';
import { TEST_NATS_URL } from '@cau/testing';
import { RpcClient, ServiceError, Subjects } from '../src/index.js';
import { PrefixedNatsServer } from '../src/rpc/nats-server.js';

const BIG = 'big.answer.v1';
const SMALL = 'small.answer.v1';

@Controller()
class AnswersController {
  @MessagePattern(BIG)
  big(): { text: string } {
    return { text: 'ñ'.repeat(700_000) }; // 1.4 MB in UTF-8: over NATS's 1 MiB
  }

  @MessagePattern(SMALL)
  small(): { text: string } {
    return { text: 'ok' };
  }
}

@Module({ controllers: [AnswersController] })
class AnswersModule {}

describe('messaging: an answer larger than NATS takes', () => {
  const prefix = `rpcsize${randomUUID().slice(0, 8)}`;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let app: Awaited<ReturnType<typeof NestFactory.createMicroservice>>;

  beforeAll(async () => {
    app = await NestFactory.createMicroservice<MicroserviceOptions>(AnswersModule, {
      strategy: new PrefixedNatsServer({ servers: TEST_NATS_URL, queue: `${prefix}-q` }, prefix),
      logger: false,
    });
    await app.listen();
    nc = await connect({ servers: TEST_NATS_URL });
    rpc = new RpcClient(nc, new Subjects({ subjectPrefix: prefix }), 10_000);
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
  });

  it('is refused at once with REPLY_TOO_LARGE, naming its size and the limit, instead of a time-out', async () => {
    const started = Date.now();
    const error = await rpc.send(BIG, {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).payload).toEqual({
      code: ErrorCode.ReplyTooLarge,
      params: { bytes: expect.any(Number), limit: nc.info!.max_payload },
    });
    expect((error as ServiceError).payload.params!.bytes).toBeGreaterThan(1_400_000);
    // Well before the client's 10 s time-out: the caller is told, not left waiting.
    expect(Date.now() - started).toBeLessThan(9_000);
    // The server keeps answering what fits.
    expect(await rpc.send(SMALL, {})).toEqual({ text: 'ok' });
  });
});
