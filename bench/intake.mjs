// Intake benchmark: POST /api/v1/tickets through the gateway with N concurrent clients for a fixed
// time; prints tickets/s, latency percentiles, errors, and how long every downstream consumer needs to
// catch up once the load stops, and the CPU each process spent per ticket. Options: --clients 32 --seconds 20 --intakes 1
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { ApiClient, startTestPlatform } from '@cau/testing';
import { cpuReport, cpuSnapshot } from './lib/process-cpu.mjs';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '20' },
    intakes: { type: 'string', default: '1' },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);

console.log(`Starting the platform (intake ×${values.intakes})…`);
const platform = await startTestPlatform('benchintake', {
  instances: { intake: Number(values.intakes) },
  env: { LOG_LEVEL: 'warn' },
  parseMail: false,
});
const api = new ApiClient(platform.gatewayUrl);
const admin = await api.token(platform.admin.email, platform.admin.password);
const operator = await api.createAccount(admin, {
  email: 'bench@cau.test',
  name: 'Bench',
  role: 'operator',
  password: 'clave-bench-123',
});

const body = (i) => ({
  channel: 'telefono',
  requester: { email: `persona${i % 500}@salud.gob.ar`, name: `Persona ${i % 500}` },
  jurisdiction: `J${i % 20}`,
  title: `No imprime la impresora ${i}`,
  description: 'La impresora de red del piso 2 no imprime ningún documento desde esta mañana.',
  type: 'incidente',
  category: 'impresoras',
  impact: ['alto', 'medio', 'bajo'][i % 3],
  urgency: ['alta', 'media', 'baja'][i % 3],
});

async function drive(durationMs, record) {
  const latencies = [];
  let errors = 0;
  let counter = 0;
  const stopAt = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < stopAt) {
        const i = counter++;
        const started = performance.now();
        try {
          const response = await api.request('POST', '/api/v1/tickets', { token: operator, body: body(i) });
          if (response.status !== 201) errors++;
          else if (record) latencies.push(performance.now() - started);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors };
}

console.log('Warming up (3 s)…');
await drive(3_000, false);
await waitCaughtUp(60_000);
const mailsBefore = platform.smtp.received;
const db = new pg.Client({ connectionString: platform.infra.database.url });
await db.connect();
const ticketsBefore = Number((await db.query('SELECT count(*) FROM intake.tickets')).rows[0].count);

console.log(`Load: ${clients} clients for ${seconds} s…`);
const deliveriesBefore = await deliveries();
const cpuBefore = cpuSnapshot(platform);
const loadStart = performance.now();
const { latencies, errors } = await drive(seconds * 1_000, true);
const loadEnd = performance.now();
const accepted = latencies.length;
const catchUpMs = await waitCaughtUp(120_000, ticketsBefore + accepted, mailsBefore + accepted);
// Load and catch-up together: what each process spent to take a ticket all the way (mail sent, read models).
const cpuAfter = cpuSnapshot(platform);
const delivered = (await deliveries()) - deliveriesBefore;

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(1);
console.log(`
intake benchmark — ${clients} concurrent clients, ${seconds} s, ${values.intakes} intake instance(s), all services on this machine
  accepted:        ${accepted} tickets (${(accepted / ((loadEnd - loadStart) / 1000)).toFixed(0)} tickets/s)
  errors:          ${errors}
  latency (ms):    p50 ${pct(50)}   p95 ${pct(95)}   p99 ${pct(99)}   max ${latencies.at(-1)?.toFixed(1)}
  caught up:       ${catchUpMs === null ? 'NOT within 120 s' : `${(catchUpMs / 1000).toFixed(2)} s after the load stopped`} (outboxes empty, every durable consumer at the end of the stream, every mail delivered)
  deliveries:      ${(delivered / Math.max(accepted, 1)).toFixed(1)} per ticket (JetStream deliveries to every durable consumer)
${cpuReport(cpuBefore, cpuAfter, accepted, 'ticket')}
`);
await db.end();
await platform.stop();
process.exit(0);

/** Messages JetStream delivered so far to the platform's durable consumers (redeliveries included). */
async function deliveries() {
  const nc = await connect({ servers: platform.env.NATS_URL });
  try {
    let total = 0;
    const jsm = await jetstreamManager(nc);
    for await (const info of jsm.consumers.list(platform.env.NATS_EVENTS_STREAM)) total += info.delivered.consumer_seq;
    return total;
  } finally {
    await nc.close();
  }
}

async function waitCaughtUp(timeoutMs, expectedTickets, expectedMails) {
  const started = performance.now();
  const nc = await connect({ servers: platform.env.NATS_URL });
  const jsm = await jetstreamManager(nc);
  const check = new pg.Client({ connectionString: platform.infra.database.url });
  await check.connect();
  try {
    while (performance.now() - started < timeoutMs) {
      const outbox = await check.query(
        `SELECT (SELECT count(*) FROM intake.outbox) + (SELECT count(*) FROM routing.outbox) AS n`,
      );
      let pending = Number(outbox.rows[0].n);
      for await (const info of jsm.consumers.list(platform.env.NATS_EVENTS_STREAM)) {
        pending += info.num_pending + info.num_ack_pending;
      }
      const tickets =
        expectedTickets === undefined
          ? 0
          : Number((await check.query('SELECT count(*) FROM intake.tickets')).rows[0].count);
      const mailsDone = expectedMails === undefined || platform.smtp.received >= expectedMails;
      if (pending === 0 && tickets >= (expectedTickets ?? 0) && mailsDone) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  } finally {
    await check.end();
    await nc.close();
  }
}
