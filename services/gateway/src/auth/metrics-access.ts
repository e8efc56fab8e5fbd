import { timingSafeEqual } from 'node:crypto';

/**
 * Who may read the gateway's `/metrics` (the gateway's port is public, unlike the other services'):
 * with METRICS_TOKEN set, whoever sends it as a bearer token; without it, only this machine (a local
 * Prometheus, `npm start`, the benchmarks). The address is the connection's, never a forwarded header.
 */
export function mayReadMetrics(
  request: { authorization: string | undefined; remoteAddress: string | undefined },
  metricsToken: string | null,
): boolean {
  if (metricsToken !== null) {
    const sent = /^Bearer +(.+)$/i.exec(request.authorization ?? '')?.[1] ?? '';
    const expected = Buffer.from(metricsToken);
    const given = Buffer.from(sent);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  return isLoopback(request.remoteAddress);
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}
