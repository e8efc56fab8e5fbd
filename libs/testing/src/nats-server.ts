import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './infrastructure.js';
import { allocatePort } from './processes.js';

/** Where Debian's package installs it; NATS_SERVER_BIN names another. */
const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

export interface OwnNatsServer {
  url: string;
  port: number;
  /** SIGKILL, as in a crash: whatever it had not written to its store is lost. */
  kill(): Promise<void>;
  /** Starts it again on the same port and store (after `kill`), and waits until it accepts connections. */
  restart(): Promise<void>;
  /** Whether the server process is running. */
  running(): boolean;
  /** Stops it and deletes its store. */
  cleanup(): Promise<void>;
}

/**
 * A NATS server with JetStream of its own (own port, own store), for tests and benchmarks that kill it:
 * the shared server on 4222 is never disturbed. `logFile` keeps its log.
 */
export async function startOwnNatsServer(options: { logFile?: string } = {}): Promise<OwnNatsServer> {
  if (!existsSync(NATS_SERVER_BIN)) throw new Error(`${NATS_SERVER_BIN} is missing (set NATS_SERVER_BIN)`);
  // Below the ephemeral range (see allocatePort): a killed server's port could otherwise be taken by an
  // outgoing connection before it is started again.
  const port = allocatePort();
  const store = mkdtempSync(path.join(os.tmpdir(), 'cau-nats-'));
  let child: ChildProcess = await launch();

  async function launch(): Promise<ChildProcess> {
    const log = options.logFile ? ['-l', options.logFile] : [];
    const started = spawn(NATS_SERVER_BIN, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store, ...log], {
      stdio: 'ignore',
    });
    await waitFor(async () => started.exitCode === null && (await accepts(port)), {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: `nats-server on port ${port}`,
    });
    return started;
  }
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;
  const kill = async (): Promise<void> => {
    if (!isRunning()) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    kill,
    async restart() {
      await kill();
      child = await launch();
    },
    running: isRunning,
    async cleanup() {
      await kill();
      rmSync(store, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
