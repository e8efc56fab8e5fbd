// @vitest-environment node
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimEarlyRead, startEarlyReads } from './early-reads';

describe('early reads', () => {
  const seen: Array<Pick<IncomingMessage, 'url' | 'headers'>> = [];
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ url: request.url, headers: request.headers });
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ path: request.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('starts the session and the ticket for a ticket page, each answering one request once', async () => {
    startEarlyReads({ origin, pathname: '/tickets/42' }, 'en');

    const ticket = claimEarlyRead(new Request(`${origin}/api/v1/tickets/42`));
    expect(ticket).toBeDefined();
    expect(await (await ticket!).json()).toEqual({ path: '/api/v1/tickets/42' });
    expect(claimEarlyRead(new Request(`${origin}/api/v1/tickets/42`))).toBeUndefined();

    const session = claimEarlyRead(new Request(`${origin}/api/v1/auth/session`));
    expect(await (await session!).json()).toEqual({ path: '/api/v1/auth/session' });

    expect(seen.map(({ url }) => url).sort()).toEqual(['/api/v1/auth/session', '/api/v1/tickets/42']);
    expect(seen.every(({ headers }) => headers['accept-language'] === 'en')).toBe(true);
  });

  it('answers nothing it did not start, and no writes', async () => {
    seen.length = 0;
    startEarlyReads({ origin, pathname: '/tickets/0' }, 'es');
    expect(claimEarlyRead(new Request(`${origin}/api/v1/tickets/0`))).toBeUndefined();
    expect(claimEarlyRead(new Request(`${origin}/api/v1/auth/session`, { method: 'POST' }))).toBeUndefined();
    const session = claimEarlyRead(new Request(`${origin}/api/v1/auth/session`));
    expect((await session!).ok).toBe(true);
    expect(seen.map(({ url }) => url)).toEqual(['/api/v1/auth/session']);
  });
});
