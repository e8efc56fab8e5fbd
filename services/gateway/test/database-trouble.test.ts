import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TEST_ADMIN_DATABASE_URL } from '@cau/testing';
import { registration, startGateway, type GatewayFixture } from './gateway-fixture.js';

/**
 * Issue 10, D7: with the database unreachable a registration was answered 500 "internal error"; nothing
 * was done and the client may retry, so it is 503 with Retry-After, and health says so within a second.
 */
describe('gateway and intake when the database cannot be reached', () => {
  let f: GatewayFixture;
  let admin: pg.Client;
  let operator: string;

  beforeAll(async () => {
    f = await startGateway('gwdbdown', { intake: true, env: { AUTH_ACCOUNT_CACHE_SECONDS: '60' } });
    // The fixture's own connection is cut with the others below.
    f.db.on('error', () => undefined);
    operator = await f.http.account(f.adminToken, { email: 'op@cau.test', role: 'operator', area: 'L1' });
    admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.query(`ALTER DATABASE "${f.infra.database.name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await f?.stop().catch(() => undefined);
  });

  const register = () =>
    f.http.send<{ number?: number; code?: string; statusCode?: number }>('POST', '/api/v1/tickets', {
      token: operator,
      json: registration(),
      headers: { 'Idempotency-Key': randomUUID() },
    });

  it('answers 503 with Retry-After while it is down, and registers again once it is back', async () => {
    expect((await register()).status).toBe(201);

    const database = f.infra.database.name;
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);

    const refused = await register();
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(refused.headers.get('retry-after')).toBe('5');

    const started = Date.now();
    const health = await fetch(`${f.intake!.url}/health`);
    expect(health.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(((await health.json()) as { checks: Record<string, string> }).checks.database).toBe('down');
    // The gateway's own health is the same report with the same 503, not its error format (it was a 500).
    const gatewayHealth = await fetch(`${f.gateway.url}/health`);
    expect(gatewayHealth.status).toBe(503);
    expect(await gatewayHealth.json()).toEqual(
      expect.objectContaining({ status: 'down', service: 'gateway', checks: { database: 'down', nats: 'up' } }),
    );

    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    let answer = await register();
    for (let attempt = 0; answer.status !== 201 && attempt < 40; attempt++) {
      expect(answer.status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await register();
    }
    expect(answer.status).toBe(201);
    // Nothing half-done: the tickets are the two that were answered 201.
    const check = new pg.Client({ connectionString: f.infra.database.url });
    await check.connect();
    try {
      const { rows } = await check.query('SELECT count(*)::int AS n FROM intake.tickets');
      expect(rows[0].n).toBe(2);
    } finally {
      await check.end();
    }
  });
});
