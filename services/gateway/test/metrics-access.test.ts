import { startGateway, type GatewayFixture } from './gateway-fixture.js';

/** Issue 10: the gateway's `/metrics` was readable by anyone who reached its public port. */
describe('gateway: who reads /metrics', () => {
  const token = 'prometheus-scrape-token-0123456789';
  let open: GatewayFixture;
  let guarded: GatewayFixture;

  beforeAll(async () => {
    open = await startGateway('gwmetricsopen');
    guarded = await startGateway('gwmetricstoken', { env: { METRICS_TOKEN: token } });
  });

  afterAll(async () => {
    await open?.stop();
    await guarded?.stop();
  });

  it('without METRICS_TOKEN, serves this machine (the tests connect over loopback)', async () => {
    const answer = await fetch(`${open.gateway.url}/metrics`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('process_cpu_seconds_total');
  });

  it('with METRICS_TOKEN, serves whoever sends it and refuses everyone else, in words', async () => {
    const refused = await fetch(`${guarded.gateway.url}/metrics`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain('METRICS_TOKEN');
    const wrong = await fetch(`${guarded.gateway.url}/metrics`, { headers: { authorization: 'Bearer otra' } });
    expect(wrong.status).toBe(403);
    const allowed = await fetch(`${guarded.gateway.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect((await fetch(`${guarded.gateway.url}/health`)).status).toBe(200);
  });
});
