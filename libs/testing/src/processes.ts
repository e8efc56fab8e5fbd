import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './infrastructure.js';

export const SERVICE_NAMES = [
  'intake',
  'routing',
  'resolution',
  'knowledge',
  'inventory',
  'notifications',
  'reporting',
  'gateway',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Default HTTP ports; the same table `npm start` uses. */
export const SERVICE_PORT_VARIABLES: Record<ServiceName, string> = {
  gateway: 'GATEWAY_PORT',
  intake: 'INTAKE_PORT',
  routing: 'ROUTING_PORT',
  resolution: 'RESOLUTION_PORT',
  knowledge: 'KNOWLEDGE_PORT',
  inventory: 'INVENTORY_PORT',
  notifications: 'NOTIFICATIONS_PORT',
  reporting: 'REPORTING_PORT',
};

export function repoRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown }).workspaces) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no workspace root above ${from}`);
    dir = parent;
  }
}

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for a graceful exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies wherever it is, as in a crash. */
  kill(): Promise<void>;
}

/**
 * Starts one service from its build (`services/<name>/dist/main.js`, or its bundle: CAU_SERVICE_ENTRY) as a separate process on a free
 * port, and waits until its health endpoint answers.
 */
export async function spawnService(
  name: ServiceName,
  env: Record<string, string>,
  port: number,
): Promise<ServiceProcess> {
  const root = repoRoot();
  // CAU_SERVICE_ENTRY=bundle runs what `npm start` and the image run (scripts/bundle.mjs) instead of the build.
  const bundled = process.env.CAU_SERVICE_ENTRY === 'bundle';
  const main = bundled
    ? path.join(root, 'services', name, 'bundle', 'main.mjs')
    : path.join(root, 'services', name, 'dist', 'main.js');
  if (!existsSync(main)) {
    throw new Error(`${main} is missing: run ${bundled ? '"node scripts/bundle.mjs"' : '"npm run build"'} first`);
  }
  let output = '';
  // e.g. CAU_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile a benchmark run.
  const nodeArgs = (process.env.CAU_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // A bundle runs as in production, with Node's compile cache (Node 22.1+; ignored by 20): see scripts/bundle.mjs.
  const compileCache = bundled ? { NODE_COMPILE_CACHE: path.join(os.tmpdir(), 'cau-compile-cache') } : {};
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: root,
    env: {
      ...compileCache,
      ...process.env,
      ...env,
      [SERVICE_PORT_VARIABLES[name]]: String(port),
      HTTP_HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // e.g. CAU_SERVICE_LOG_DIR=/tmp/chaos-logs keeps every process's whole output (one file per service, restarts
  // appended), for diagnosing a benchmark after the fact; in memory only the tail is kept.
  const logDir = process.env.CAU_SERVICE_LOG_DIR;
  if (logDir) mkdirSync(logDir, { recursive: true });
  const keep = (chunk: Buffer): void => {
    if (logDir) appendFileSync(path.join(logDir, `${name}.log`), chunk);
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    // A process that exited ends the wait at once (a throw inside the probe would be retried until the time-out).
    await waitFor(
      async () => {
        if (child.exitCode !== null) return true;
        const response = await fetch(`${url}/health`).catch(() => null);
        return response?.ok ?? false;
      },
      // CAU_SERVICE_START_TIMEOUT_MS: the chaos bench measures slow restarts instead of failing on them.
      {
        timeoutMs: Number(process.env.CAU_SERVICE_START_TIMEOUT_MS ?? 30_000),
        intervalMs: 100,
        what: `${name} to become healthy`,
      },
    );
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.slice(-4000)}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n--- ${name} output ---\n${output.slice(-4000)}`, { cause: error });
  }
  return {
    name,
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

// Below Linux's ephemeral range (32768–60999 by default): a port there can be taken by any outgoing
// connection (to PostgreSQL, NATS, SMTP) between the choice and the service's listen, which failed a
// restarted service with EADDRINUSE.
let nextPort = 20_000 + Math.floor(Math.random() * 10_000);
/**
 * Ports for spawned services; random base per test file so parallel runs rarely collide. A port something on
 * the machine already listens on is skipped: RabbitMQ's distribution port (25672) is in this range, and a
 * service given it failed to start with EADDRINUSE.
 */
export function allocatePort(): number {
  const taken = listeningPorts();
  do nextPort += 1;
  while (taken.has(nextPort));
  return nextPort;
}

/** The TCP ports with a listening socket on this machine, from the kernel's tables (read synchronously). */
export function listeningPorts(): Set<number> {
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    // "sl local_address rem_address st …": the local address is hex "ADDRESS:PORT", state 0A is LISTEN.
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const port = local?.split(':')[1];
      if (state === '0A' && port) ports.add(Number.parseInt(port, 16));
    }
  }
  return ports;
}
