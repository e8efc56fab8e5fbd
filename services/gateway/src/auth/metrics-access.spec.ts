import { mayReadMetrics } from './metrics-access.js';

describe("who may read the gateway's metrics", () => {
  const token = 'prometheus-scrape-token-0123456789';

  it('without METRICS_TOKEN, only this machine', () => {
    for (const remoteAddress of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(mayReadMetrics({ authorization: undefined, remoteAddress }, null)).toBe(true);
    }
    for (const remoteAddress of ['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', '2001:db8::1', undefined]) {
      expect(mayReadMetrics({ authorization: undefined, remoteAddress }, null)).toBe(false);
    }
  });

  it('with METRICS_TOKEN, whoever sends it, from anywhere; nobody else, not even this machine', () => {
    expect(mayReadMetrics({ authorization: `Bearer ${token}`, remoteAddress: '10.0.0.5' }, token)).toBe(true);
    expect(mayReadMetrics({ authorization: `bearer ${token}`, remoteAddress: '10.0.0.5' }, token)).toBe(true);
    expect(mayReadMetrics({ authorization: `Bearer ${token}x`, remoteAddress: '10.0.0.5' }, token)).toBe(false);
    expect(mayReadMetrics({ authorization: 'Bearer otra-cosa', remoteAddress: '127.0.0.1' }, token)).toBe(false);
    expect(mayReadMetrics({ authorization: undefined, remoteAddress: '127.0.0.1' }, token)).toBe(false);
  });
});
