import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  IntakeRpc,
  ErrorCode,
  type ActorV1,
  type RegisterTicketResultV1,
  type TicketRegistrationV1,
} from '@cau/contracts';
import {
  RpcClient,
  ServiceError,
  Subjects,
  messagingConfigFromEnv,
  startService,
  type RunningService,
} from '@cau/messaging';
import { createTestInfrastructure, waitFor, type TestInfrastructure } from '@cau/testing';
import pg from 'pg';
import { intakeService } from '../src/intake.service.js';

const operator: ActorV1 = { accountId: randomUUID(), role: 'operator', email: 'op@cau.gob', name: 'Operadora' };
const registration = (n: number): TicketRegistrationV1 => ({
  channel: 'telefono',
  requester: { email: `Persona${n % 7}@Salud.gob`, name: `Persona ${n % 7}` },
  jurisdiction: 'SALUD',
  title: `Problema ${n}`,
  description: 'La impresora no imprime',
  type: 'incidente',
  category: 'impresoras',
  impact: 'medio',
  urgency: 'alta',
});

describe('intake: ticket registration', () => {
  let infra: TestInfrastructure;
  let instances: RunningService[];
  let nc: NatsConnection;
  let rpc: RpcClient;
  let db: pg.Client;

  beforeAll(async () => {
    infra = await createTestInfrastructure('intake');
    const env = { ...process.env, ...infra.env, INTAKE_PORT: '0' };
    instances = [await startService(intakeService, env), await startService(intakeService, env)];
    nc = await connect({ servers: infra.env.NATS_URL });
    // 300 registrations sent at once take ~1.5 s on a quiet machine, and more than 5 s with the browser suite
    // beside them: the deadline is for a service that is gone, not for a slow one.
    rpc = new RpcClient(nc, new Subjects(messagingConfigFromEnv(infra.env)), 30_000);
    db = new pg.Client({ connectionString: infra.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await nc?.close();
    for (const instance of instances ?? []) await instance.stop();
    await infra?.cleanup();
  });

  it('gives concurrent registrations across two instances distinct, consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, n) =>
        rpc.request(IntakeRpc.RegisterTicket, {
          actor: operator,
          payload: registration(n),
        }),
      ),
    );
    const numbers = results.map((r) => r.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.ticketId)).size).toBe(300);
    // Numbers follow registration time: a later number is never registered earlier.
    const rows = await db.query('SELECT number, registered_at FROM intake.tickets ORDER BY number');
    for (let i = 1; i < rows.rows.length; i++) {
      expect(rows.rows[i].registered_at.getTime()).toBeGreaterThanOrEqual(rows.rows[i - 1].registered_at.getTime());
    }
    // Requesters are found by e-mail, case-insensitively: 7 distinct people.
    const requesters = await db.query('SELECT count(*)::int AS n FROM intake.requesters');
    expect(requesters.rows[0].n).toBe(7);
  });

  it('publishes ticket.registered for every committed ticket', async () => {
    const config = messagingConfigFromEnv(infra.env);
    const jsm = await jetstreamManager(nc);
    await waitFor(async () => (await jsm.streams.info(config.eventsStream)).state.messages >= 300, {
      what: '300 events in the stream',
    });
    // The relay deletes its rows in the transaction that follows the publish acks, so the outbox empties
    // a moment after the stream is full.
    await waitFor(async () => (await db.query('SELECT count(*)::int AS n FROM intake.outbox')).rows[0].n === 0, {
      what: 'an empty outbox',
    });
    const consumer = await jetstream(nc).consumers.get(config.eventsStream);
    const first = await consumer.next();
    expect(first?.json<{ type: string; data: { number: number } }>()).toMatchObject({
      type: 'ticket.registered',
      data: { number: expect.any(Number) },
    });
  });

  it('returns the same ticket for a retried request with the same idempotency key', async () => {
    const key = randomUUID();
    const command = { actor: operator, payload: registration(1), idempotencyKey: key };
    const [a, b] = await Promise.all([
      rpc.request(IntakeRpc.RegisterTicket, command),
      rpc.request(IntakeRpc.RegisterTicket, command),
    ]);
    const c = await rpc.request(IntakeRpc.RegisterTicket, command);
    expect(new Set([a.number, b.number, c.number]).size).toBe(1);
    expect([a.created, b.created, c.created].filter(Boolean)).toHaveLength(1);
  });

  it('refuses an idempotency key reused for different data', async () => {
    const key = randomUUID();
    await rpc.request(IntakeRpc.RegisterTicket, {
      actor: operator,
      payload: registration(1),
      idempotencyKey: key,
    });
    await expect(
      rpc.request(IntakeRpc.RegisterTicket, { actor: operator, payload: registration(2), idempotencyKey: key }),
    ).rejects.toMatchObject({ payload: { code: ErrorCode.IdempotencyMismatch } });
  });

  it('refuses a reused key inside a batch without making the rest of the batch commit one by one', async () => {
    const key = randomUUID();
    await rpc.request(IntakeRpc.RegisterTicket, {
      actor: operator,
      payload: registration(1),
      idempotencyKey: key,
    });
    const others = 40;
    const [refused, ...accepted] = await Promise.allSettled([
      rpc.request(IntakeRpc.RegisterTicket, { actor: operator, payload: registration(2), idempotencyKey: key }),
      ...Array.from({ length: others }, (_, n) =>
        rpc.request(IntakeRpc.RegisterTicket, {
          actor: operator,
          payload: registration(n),
        }),
      ),
    ]);
    expect(refused).toMatchObject({ status: 'rejected', reason: { payload: { code: ErrorCode.IdempotencyMismatch } } });
    const numbers = accepted.map((outcome) => (outcome as PromiseFulfilledResult<RegisterTicketResultV1>).value.number);
    expect(accepted.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    // Rows written by one transaction share its id (xmin): batches, not one transaction per ticket. Before,
    // the refusal made its batch retry every request alone, one transaction each.
    const transactions = await db.query<{ count: string }>(
      'SELECT count(DISTINCT xmin::text) AS count FROM intake.tickets WHERE number = ANY($1)',
      [numbers],
    );
    expect(Number(transactions.rows[0]!.count)).toBeLessThanOrEqual(others / 4);
  });

  it('refuses invalid commands before drawing a number, so no gap appears', async () => {
    const before = await db.query('SELECT last_number FROM intake.ticket_number');
    const error = await rpc
      .send(IntakeRpc.RegisterTicket.subject, { actor: operator, payload: { ...registration(1), impact: 'enorme' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).payload.fields?.[0]).toMatchObject({ field: 'payload.impact', constraint: 'isIn' });
    const ok = await rpc.request(IntakeRpc.RegisterTicket, {
      actor: operator,
      payload: registration(1),
    });
    expect(ok.number).toBe(Number(before.rows[0].last_number) + 1);
  });

  it('lets a requester register only for themselves, through the portal', async () => {
    const requester: ActorV1 = {
      accountId: randomUUID(),
      role: 'requester',
      email: 'persona1@salud.gob',
      name: 'Persona 1',
    };
    await expect(
      rpc.request(IntakeRpc.RegisterTicket, {
        actor: requester,
        payload: { ...registration(0), channel: 'portal' },
      }),
    ).rejects.toMatchObject({ payload: { code: ErrorCode.Forbidden } });
    const own = await rpc.request(IntakeRpc.RegisterTicket, {
      actor: requester,
      payload: { ...registration(1), channel: 'portal' },
    });
    expect(own.created).toBe(true);
  });
});
