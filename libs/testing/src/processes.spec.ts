import { createServer, type Server } from 'node:net';
import { allocatePort, listeningPorts } from './processes.js';

async function listening(host: string): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { server, port: address.port };
}

describe('ports for spawned services', () => {
  it('knows the ports listened on, over IPv4 and IPv6, and forgets them once closed', async () => {
    const v4 = await listening('127.0.0.1');
    const v6 = await listening('::1');
    try {
      const ports = listeningPorts();
      expect(ports.has(v4.port)).toBe(true);
      expect(ports.has(v6.port)).toBe(true);
    } finally {
      await new Promise((resolve) => v4.server.close(resolve));
      await new Promise((resolve) => v6.server.close(resolve));
    }
    const after = listeningPorts();
    expect(after.has(v4.port)).toBe(false);
    expect(after.has(v6.port)).toBe(false);
  });

  it('hands out distinct ports nothing listens on', () => {
    const given = Array.from({ length: 50 }, () => allocatePort());
    expect(new Set(given).size).toBe(given.length);
    const taken = listeningPorts();
    expect(given.filter((port) => taken.has(port))).toEqual([]);
  });
});
