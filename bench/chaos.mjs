// Chaos benchmark (issue 10): the whole platform under a steady registration load while each service, the
// gateway and NATS are killed with SIGKILL and started again, one after another. Clients behave as a real
// client would: a request that fails (refused connection, 5xx, time-out) is sent again with the same
// Idempotency-Key until it is answered. NATS is a server of the bench's own (its own port and JetStream
// store), so killing it disturbs nothing else on the machine. Afterwards it waits for the platform to
// catch up and prints: accepted, lost, duplicate numbers, gaps, incomplete read models, mails missing and
// duplicated, dead letters, and per kill the time to healthy and the time until a ticket registered right
// after the restart is in every read model.
// The load is steady and paced (--rate tickets/s offered by all clients together), below what the consumers
// work off on this machine: what is measured is recovery from a kill, not a backlog the load itself builds.
// Options: --clients 8 --rate 20 --interval 12 (s between kills) --down 1 (s a process stays dead)
//          --kills intake,routing,resolution,knowledge,notifications,reporting,gateway,nats
//          --logs <dir>: every process's whole output at level info (start-up phases included), one file each
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    rate: { type: 'string', default: '20' },
    interval: { type: 'string', default: '12' },
    down: { type: 'string', default: '1' },
    kills: { type: 'string', default: 'intake,routing,resolution,knowledge,notifications,reporting,gateway,nats' },
    // What is restarted is what runs in production: the bundles (scripts/bundle.mjs); `dist` for the plain build.
    entry: { type: 'string', default: 'bundle' },
    logs: { type: 'string' },
  },
});
const clients = Number(values.clients);
const rate = Number(values.rate);
const intervalMs = Number(values.interval) * 1_000;
const downMs = Number(values.down) * 1_000;
const kills = values.kills.split(',').filter(Boolean);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

if (values.entry === 'bundle') execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
process.env.CAU_SERVICE_ENTRY = values.entry;
// A restart on a busy machine may take longer than the tests' 30 s: measured, not failed.
process.env.CAU_SERVICE_START_TIMEOUT_MS = '300000';
if (values.logs) {
  mkdirSync(values.logs, { recursive: true });
  process.env.CAU_SERVICE_LOG_DIR = path.resolve(values.logs);
}

// --- NATS of our own -------------------------------------------------------------------------------
const natsPort = await freePort();
const natsStore = mkdtempSync(path.join(os.tmpdir(), 'cau-chaos-nats-'));
let nats = await startNats();
process.env.NATS_URL = `nats://127.0.0.1:${natsPort}`;
// Loaded only now: @cau/testing reads NATS_URL when it is loaded.
const { ApiClient, allocatePort, startTestPlatform } = await import('@cau/testing');
const { connect } = await import('@nats-io/transport-node');
const { jetstreamManager } = await import('@nats-io/jetstream');

console.log(`Starting the platform on its own NATS (port ${natsPort})…`);
const gatewayPort = allocatePort();
const platform = await startTestPlatform('benchchaos', {
  gatewayPort,
  env: { LOG_LEVEL: values.logs ? 'info' : 'warn', AUTH_RATE_LIMIT: '1000000' },
  parseMail: true,
});
const api = new ApiClient(platform.gatewayUrl);
const admin = await api.token(platform.admin.email, platform.admin.password);
const operator = await api.createAccount(admin, {
  email: 'chaos@cau.test',
  name: 'Chaos',
  role: 'operator',
  password: 'clave-chaos-123',
});
// A bench that fails half-way leaves no process of its own behind (its database is left, and named).
process.on('exit', (code) => {
  for (const p of platform.processes) if (alive(p)) p.child.kill('SIGKILL');
  nats.kill('SIGKILL');
  if (code !== 0) console.error(`left behind: database ${platform.infra.database.name}, NATS store ${natsStore}`);
});
const db = new pg.Client({ connectionString: platform.infra.database.url });
await db.connect();

// --- Load ------------------------------------------------------------------------------------------
const body = (i) => ({
  channel: 'telefono',
  requester: { email: `persona${i % 300}@salud.gob.ar`, name: `Persona ${i % 300}` },
  jurisdiction: 'SALUD',
  title: `No imprime la impresora ${i}`,
  description: 'La impresora de red del piso 2 no imprime ningún documento desde esta mañana.',
  type: 'incidente',
  category: 'impresoras',
  impact: ['alto', 'medio', 'bajo'][i % 3],
  urgency: ['alta', 'media', 'baja'][i % 3],
});
/** Idempotency-Key → every number the platform answered for it (more than one would be a duplicate). */
const accepted = new Map();
let retries = 0;
let loading = true;
let counter = 0;

async function register(i, key) {
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body(i)),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (response.status === 200 || response.status === 201) {
        const numbers = accepted.get(key) ?? new Set();
        numbers.add(JSON.parse(text).number);
        accepted.set(key, numbers);
        return;
      }
      if (response.status < 500 && response.status !== 429) {
        throw new Error(`registration refused: ${response.status} ${text.slice(0, 300)}`);
      }
    } catch (error) {
      if (String(error).includes('registration refused')) throw error;
    }
    retries++;
    await sleep(200);
  }
}

// Ticket i is due at loadStartedAt + i / rate; a client behind schedule (its request was retried) sends at once.
const loadStartedAt = performance.now();
const load = Promise.all(
  Array.from({ length: clients }, async () => {
    while (loading) {
      const i = counter++;
      await sleep(Math.max(0, loadStartedAt + (i * 1_000) / rate - performance.now()));
      if (!loading) return;
      await register(i, randomUUID());
    }
  }),
);

// --- Kills -----------------------------------------------------------------------------------------
const results = [];
/** The services whose health was not yet `ok` at the last look. */
let stillDown = [];
console.log('Warming up (5 s)…');
await sleep(5_000);
for (const target of kills) {
  console.log(`Killing ${target}…`);
  const killedAt = performance.now();
  let restartedAt;
  let startup = '';
  if (target === 'nats') {
    // A NATS that already died by itself would never emit 'exit' again: say so instead of waiting forever.
    if (nats.exitCode !== null || nats.signalCode !== null) {
      console.log(`  the bench's NATS had already exited (${nats.signalCode ?? nats.exitCode})`);
    } else {
      nats.kill('SIGKILL');
      await new Promise((resolve) => nats.once('exit', resolve));
    }
    await sleep(downMs);
    restartedAt = performance.now();
    nats = await startNats();
    if ((await waitFor(allHealthy, 120_000)) === null)
      console.log(`  not healthy after 120 s: ${stillDown.join(', ')}`);
  } else {
    const victim = platform.processes.find((p) => p.name === target && alive(p));
    if (!victim) throw new Error(`no running ${target}`);
    await victim.kill();
    await sleep(downMs);
    restartedAt = performance.now();
    const restarted = await platform.spawn(target);
    // Logged by every service at level info (--logs): where its start-up time went.
    startup = /"startupMs":(\{[^}]*\})/.exec(restarted.output())?.[1] ?? '';
  }
  const healthyMs = performance.now() - restartedAt;
  const flowingMs = await probe();
  results.push({ target, healthyMs, flowingMs, outageMs: performance.now() - killedAt, startup });
  await sleep(Math.max(0, intervalMs - (performance.now() - killedAt)));
}
loading = false;
console.log('Load stopped; waiting for the platform to catch up…');
await load;
const caughtUpMs = await waitCaughtUp();

// --- Checks ----------------------------------------------------------------------------------------
const answered = [...accepted.values()].flatMap((numbers) => [...numbers]);
const keysWithTwoNumbers = [...accepted.values()].filter((numbers) => numbers.size > 1).length;
const intake = (await db.query('SELECT number FROM intake.tickets')).rows.map((row) => Number(row.number));
const intakeSet = new Set(intake);
const lost = answered.filter((number) => !intakeSet.has(number)).length;
const min = Math.min(...intake);
const max = Math.max(...intake);
const gaps = max - min + 1 - intakeSet.size;
const readModels = {
  routing: 'SELECT number FROM routing.tickets',
  resolution: 'SELECT number FROM resolution.tickets',
  reporting:
    'SELECT number FROM reporting.ticket_view WHERE number IS NOT NULL AND area IS NOT NULL AND priority IS NOT NULL',
};
const incomplete = {};
for (const [name, sql] of Object.entries(readModels)) {
  const present = new Set((await db.query(sql)).rows.map((row) => Number(row.number)));
  incomplete[name] = intake.filter((number) => !present.has(number)).length;
}
const mailed = new Set();
const messageIds = new Map();
for (const mail of platform.smtp.mails) {
  const tag = /^\[CAU #(\d+)\]/.exec(mail.parsed.subject ?? '');
  if (tag && mail.envelopeTo.some((to) => to.startsWith('persona'))) mailed.add(Number(tag[1]));
  const id = mail.parsed.messageId ?? '';
  messageIds.set(id, (messageIds.get(id) ?? 0) + 1);
}
const mailsMissing = intake.filter((number) => !mailed.has(number)).length;
// Mails a killed sender had handed to the server: not sent again by themselves, listed for an administrator.
const mailsUncertain = Number(
  (await db.query(`SELECT count(*) AS n FROM notifications.deliveries WHERE status = 'uncertain'`)).rows[0].n,
);
const mailsDuplicated = [...messageIds.values()].filter((count) => count > 1).length;
const jsm = await jetstreamManager(await connect({ servers: process.env.NATS_URL }));
const deadLetters = (await jsm.streams.info(platform.env.NATS_DLQ_STREAM)).state.messages;

const ms = (value) => (value === null ? 'never' : `${(value / 1000).toFixed(1)} s`);
console.log(`
chaos benchmark — ${clients} clients registering ${rate} tickets/s with retries, each of ${kills.join(', ')} killed (SIGKILL) and
restarted after ${values.down} s, every ${values.interval} s, everything on this machine
  accepted:              ${answered.length} tickets (${retries} retried requests)
  lost:                  ${lost}
  duplicate numbers:     ${intake.length - intakeSet.size} in intake, ${keysWithTwoNumbers} Idempotency-Keys answered with two numbers
  gaps in the numbers:   ${gaps}
  read models missing:   routing ${incomplete.routing}, resolution ${incomplete.resolution}, reporting ${incomplete.reporting}
  mails:                 ${mailsMissing} tickets without their registration mail, ${mailsDuplicated} Message-IDs received twice,
                         ${mailsUncertain} of unknown outcome (a killed sender had handed them to the server; left to an administrator)
  dead letters:          ${deadLetters}
  caught up:             ${ms(caughtUpMs)} after the load stopped

  killed          healthy after restart   a new ticket in every read model   outage (kill → flowing)
${results
  .map((r) => `  ${r.target.padEnd(15)} ${ms(r.healthyMs).padEnd(23)} ${ms(r.flowingMs).padEnd(34)} ${ms(r.outageMs)}`)
  .join('\n')}
${results
  .filter((r) => r.startup)
  .map((r) => `  start-up of ${r.target} (ms): ${r.startup}`)
  .join('\n')}
`);
await db.end();
await platform.stop();
nats.kill('SIGTERM');
rmSync(natsStore, { recursive: true, force: true });
process.exit(0);

// --- Helpers ---------------------------------------------------------------------------------------
/** A process killed by a signal has no exit code, only a signal code. */
function alive(p) {
  return p.child.exitCode === null && p.child.signalCode === null;
}

async function startNats() {
  const log = values.logs ? ['-l', path.resolve(values.logs, 'nats-server.log')] : [];
  const child = spawn(
    '/usr/sbin/nats-server',
    ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', natsStore, ...log],
    { stdio: 'ignore' },
  );
  const listening = await waitFor(
    () =>
      new Promise((resolve) => {
        const socket = net.connect(natsPort, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      }),
    30_000,
  );
  if (listening === null) throw new Error(`the bench's NATS is not listening on ${natsPort} after 30 s`);
  return child;
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(check, timeoutMs) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return performance.now() - started;
    await sleep(50);
  }
  return null;
}

async function allHealthy() {
  const running = platform.processes.filter(alive);
  const answers = await Promise.all(
    running.map((p) =>
      fetch(`${p.url}/health`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.ok,
        () => false,
      ),
    ),
  );
  stillDown = running.filter((_, i) => !answers[i]).map((p) => p.name);
  return answers.every(Boolean);
}

/** From now until a ticket registered now is in every read model: the platform flows again. */
async function probe() {
  const started = performance.now();
  const key = randomUUID();
  await register(counter++, key);
  const [number] = accepted.get(key);
  const found = await waitFor(async () => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM routing.tickets WHERE number = $1)
            + (SELECT count(*) FROM resolution.tickets WHERE number = $1)
            + (SELECT count(*) FROM reporting.ticket_view WHERE number = $1 AND area IS NOT NULL) AS n`,
      [number],
    );
    return Number(rows[0].n) === 3;
  }, 300_000);
  return found === null ? null : performance.now() - started;
}

/**
 * Until nothing is pending anywhere (outboxes, consumers, mails), however long that takes while the platform
 * works it off; given up only after a minute without progress (a stuck platform).
 */
async function waitCaughtUp() {
  const outboxes = (
    await db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox'`)
  ).rows.map((row) => row.table_schema);
  const nc = await connect({ servers: process.env.NATS_URL });
  const manager = await jetstreamManager(nc);
  const started = performance.now();
  let least = Infinity;
  let progressAt = started;
  let reportedAt = started;
  try {
    for (;;) {
      let pending = 0;
      /** What is still pending, by where: printed every 5 s, so a slow catch-up says what it waits for. */
      const where = {};
      for (const schema of outboxes) {
        const n = Number((await db.query(`SELECT count(*) AS n FROM "${schema}".outbox`)).rows[0].n);
        if (n > 0) where[`${schema} outbox`] = n;
        pending += n;
      }
      for await (const info of manager.consumers.list(platform.env.NATS_EVENTS_STREAM)) {
        // The services' durable consumers: an ordered consumer the gateway's live hub left behind when it renewed
        // its own after a NATS restart has nobody reading it, and goes by itself once inactive.
        if (!info.config.durable_name) continue;
        const n = info.num_pending + info.num_ack_pending;
        if (n > 0)
          where[`consumer ${info.name}`] =
            `${info.num_pending} not delivered, ${info.num_ack_pending} unacknowledged, ${info.num_redelivered} redelivered`;
        pending += n;
      }
      const tickets = Number((await db.query('SELECT count(*) FROM intake.tickets')).rows[0].count);
      const mailedNow = new Set(
        platform.smtp.mails.map((mail) => /^\[CAU #(\d+)\]/.exec(mail.parsed.subject ?? '')?.[1]).filter(Boolean),
      );
      const unmailed = Math.max(0, tickets - mailedNow.size);
      if (unmailed > 0) where['registration mails not received'] = unmailed;
      const left = pending + unmailed;
      if (left === 0) return performance.now() - started;
      if (performance.now() - reportedAt >= 5_000) {
        reportedAt = performance.now();
        console.log(`  after ${((reportedAt - started) / 1000).toFixed(0)} s still pending: ${JSON.stringify(where)}`);
      }
      if (left < least) {
        least = left;
        progressAt = performance.now();
      } else if (performance.now() - progressAt > 60_000) {
        console.log(`  no progress for 60 s, ${left} still pending`);
        return null;
      }
      await sleep(200);
    }
  } finally {
    await nc.close();
  }
}
