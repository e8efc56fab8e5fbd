// @vitest-environment node
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listQuery, parseQueueSearch, queuePage } from '../features/console/queue-search';
import { claimEarlyRead, startEarlyReads } from './early-reads';
import type { paths } from './schema';

describe('early reads', () => {
  const seen: Array<Pick<IncomingMessage, 'url' | 'headers'>> = [];
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ url: request.url, headers: request.headers });
      response.setHeader('Content-Type', 'application/json');
      const account = {
        id: 'a1',
        role: request.headers['x-test-role'] ?? 'agent',
        area: request.headers['x-test-area'] ?? 'UIT',
      };
      response.end(JSON.stringify(request.url === '/api/v1/auth/session' ? account : { path: request.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('starts the session and the ticket for a ticket page, each answering one request once', async () => {
    void startEarlyReads({ origin, pathname: '/tickets/42', search: '' }, 'en');

    const ticket = claimEarlyRead(new Request(`${origin}/api/v1/tickets/42`));
    expect(ticket).toBeDefined();
    expect(await (await ticket!).json()).toEqual({ path: '/api/v1/tickets/42' });
    expect(claimEarlyRead(new Request(`${origin}/api/v1/tickets/42`))).toBeUndefined();

    const session = claimEarlyRead(new Request(`${origin}/api/v1/auth/session`));
    expect(await (await session!).json()).toMatchObject({ role: 'agent' });

    expect(seen.map(({ url }) => url).sort()).toEqual(['/api/v1/auth/session', '/api/v1/tickets/42']);
    expect(seen.every(({ headers }) => headers['accept-language'] === 'en')).toBe(true);
  });

  it('answers nothing it did not start, and no writes', async () => {
    seen.length = 0;
    void startEarlyReads({ origin, pathname: '/tickets/0', search: '' }, 'es');
    expect(claimEarlyRead(new Request(`${origin}/api/v1/tickets/0`))).toBeUndefined();
    expect(claimEarlyRead(new Request(`${origin}/api/v1/auth/session`, { method: 'POST' }))).toBeUndefined();
    const session = claimEarlyRead(new Request(`${origin}/api/v1/auth/session`));
    expect((await session!).ok).toBe(true);
    expect(seen.map(({ url }) => url)).toEqual(['/api/v1/auth/session']);
  });

  it("starts the console's reads, and its queue's first page once the session says whose area it is", async () => {
    seen.length = 0;
    const search = '?view=unassigned&priority=ALTA&text=%22impresora%22';
    const started = startEarlyReads({ origin, pathname: '/consola', search }, 'es');
    // The API client, as the portal makes it: its request must find the read started for it.
    const client = createClient<paths>({
      baseUrl: origin,
      fetch: (request) => claimEarlyRead(request) ?? fetch(request),
    });
    const session = await client.GET('/api/v1/auth/session');
    expect(session.data).toMatchObject({ area: 'UIT' });
    const query = queuePage(
      listQuery(parseQueueSearch({ view: 'unassigned', priority: 'ALTA', text: 'impresora' }), 'UIT'),
    );
    await started;
    const page = await client.GET('/api/v1/tickets', { params: { query } });
    const views = await client.GET('/api/v1/views');
    expect(page.response.ok && views.response.ok).toBe(true);

    const asked = seen.map(({ url }) => url ?? '');
    expect(asked.filter((url) => url.startsWith('/api/v1/tickets?'))).toEqual([
      '/api/v1/tickets?area=UIT&assignee=none&status=abierto&status=en_curso&sort=oldest&priority=ALTA&text=impresora&limit=50',
    ]);
    expect(asked.filter((url) => url === '/api/v1/views')).toHaveLength(1);
    expect(asked).toContain('/api/v1/routing/graph');
    expect(asked).toContain('/api/v1/announcements/current');
  });

  it('reads no queue for someone who is not staff', async () => {
    seen.length = 0;
    const originalFetch = globalThis.fetch;
    // The session answers a requester this time.
    globalThis.fetch = (input, init) =>
      originalFetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), 'x-test-role': 'requester' },
      });
    try {
      const started = startEarlyReads({ origin, pathname: '/consola', search: '' }, 'es');
      const session = await claimEarlyRead(new Request(`${origin}/api/v1/auth/session`));
      expect(await session!.json()).toMatchObject({ role: 'requester' });
      await started;
    } finally {
      globalThis.fetch = originalFetch;
    }
    expect(seen.some(({ url }) => url?.startsWith('/api/v1/tickets'))).toBe(false);
  });

  it('starts no early read for what the page already asked for itself (it would answer a later request, stale)', async () => {
    seen.length = 0;
    const started = startEarlyReads({ origin, pathname: '/consola', search: '?view=closed' }, 'es');
    const client = createClient<paths>({
      baseUrl: origin,
      fetch: (request) => claimEarlyRead(request) ?? fetch(request),
    });
    const query = queuePage(listQuery(parseQueueSearch({ view: 'closed' }), 'UIT'));
    // Before the session is answered: the page's own request goes out, and the early one must not follow.
    const asked = client.GET('/api/v1/tickets', { params: { query } });
    await started;
    expect((await asked).response.ok).toBe(true);
    expect(seen.filter(({ url }) => url?.startsWith('/api/v1/tickets?'))).toHaveLength(1);
  });

  it("starts the queue for the remembered account before the session answers, and again if it is someone else's", async () => {
    seen.length = 0;
    const originalFetch = globalThis.fetch;
    // This time the session says the person now works in ADT; the browser remembered them in UIT.
    globalThis.fetch = (input, init) =>
      originalFetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), 'x-test-area': 'ADT' },
      });
    try {
      const started = startEarlyReads({ origin, pathname: '/consola', search: '' }, 'es', {
        role: 'agent',
        area: 'UIT',
      });
      // The remembered account's read went out with the session, before its answer.
      expect(seen).toHaveLength(0);
      await started;
    } finally {
      globalThis.fetch = originalFetch;
    }
    const client = createClient<paths>({
      baseUrl: origin,
      fetch: (request) => claimEarlyRead(request) ?? fetch(request),
    });
    const page = await client.GET('/api/v1/tickets', { params: { query: queuePage(listQuery({}, 'ADT')) } });
    expect(page.response.ok).toBe(true);
    expect(seen.map(({ url }) => url ?? '').filter((url) => url.startsWith('/api/v1/tickets?'))).toEqual([
      '/api/v1/tickets?area=UIT&status=abierto&status=en_curso&sort=priority&limit=50',
      '/api/v1/tickets?area=ADT&status=abierto&status=en_curso&sort=priority&limit=50',
    ]);
  });
});
