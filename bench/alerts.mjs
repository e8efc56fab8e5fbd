// Alert storm benchmark (issue 18): Prometheus Alertmanager notifications POSTed to the monitoring webhook
// through the gateway, spread evenly over a fixed time (open loop: the tool does not wait for our answers),
// each carrying one alert of a small set of distinct fingerprints. Prints the tickets created (one per
// distinct alert), the alerts folded into them, webhook latency percentiles and errors.
// The storm hits a running platform: a warm-up of other alerts (their own fingerprints, not counted) comes
// first, as a monitoring source's everyday alerts would, so the figures are the storm's, not a cold start's.
// Options: --alerts 10000 --seconds 60 --distinct 50 --warmup 1000 (alerts over 10 s, 0 for none)
// BENCH_TRACE=1 also prints the storm's first seconds one by one: answers, their latency, and the CPU each
// process and the whole machine spent in that second (where a slow start's time went).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { ApiClient, startTestPlatform } from '@cau/testing';
import { cpuByCommand, cpuReport, cpuSnapshot, machineCpu } from './lib/process-cpu.mjs';

const { values } = parseArgs({
  options: {
    alerts: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '60' },
    distinct: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '1000' },
  },
});
const total = Number(values.alerts);
const seconds = Number(values.seconds);
const distinct = Number(values.distinct);
const warmup = Number(values.warmup);

console.log('Starting the platform…');
const platform = await startTestPlatform('benchalerts', { env: { LOG_LEVEL: 'warn' }, parseMail: false });
const api = new ApiClient(platform.gatewayUrl);
const admin = await api.token(platform.admin.email, platform.admin.password);
/** A monitoring source: its integration and the header its webhook calls carry. */
async function createIntegration(name) {
  const created = await api.request('POST', '/api/v1/monitoring/integrations', {
    token: admin,
    body: {
      name,
      kind: 'alertmanager',
      jurisdiction: 'CAU',
      category: 'sistemas-y-aplicaciones',
      contactEmail: 'monitoreo@cau.test',
      contactName: 'Equipo de monitoreo',
      defaultArea: 'UIT',
      areaRules: [{ match: 'label', key: 'team', value: 'redes', area: 'UPAT' }],
    },
  });
  if (created.status !== 201) {
    const intake = platform.processes.find((p) => p.name === 'intake');
    console.error(
      `integration: ${created.status} ${JSON.stringify(created.body)}\n--- intake ---\n${intake?.output().slice(-3000)}`,
    );
    await platform.stop();
    process.exit(1);
  }
  return { integration: created.body.integration, headers: { authorization: `Bearer ${created.body.secret}` } };
}
const { integration, headers } = await createIntegration('Prometheus (benchmark)');

/** Alertmanager's webhook payload (version 4) with one alert, as a group of one sends it. */
const notification = (i, prefix = 'storm', kinds = distinct) => {
  const n = i % kinds;
  const labels = {
    alertname: n % 2 ? 'HighLatency' : 'InstanceDown',
    instance: `srv-${String(n).padStart(3, '0')}:9100`,
    job: 'node',
    severity: ['critical', 'warning', 'info'][n % 3],
    team: n % 4 === 0 ? 'redes' : 'infraestructura',
  };
  return {
    receiver: 'cau',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: `${labels.alertname} on ${labels.instance}`, description: `${prefix} alert ${i}` },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: `http://prometheus:9090/graph?g0.expr=up&n=${n}`,
        fingerprint: `${prefix}${String(n).padStart(16 - prefix.length, '0')}`,
      },
    ],
    groupLabels: { alertname: labels.alertname },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    version: '4',
    groupKey: `{}:{alertname="${labels.alertname}"}`,
    truncatedAlerts: 0,
  };
};

// The webhook calls go through node:http with kept-alive connections rather than fetch: the tool shares the
// two cores with the platform it measures, and fetch's own work per call (~2 ms, more than the gateway's) would
// slow the platform and count as its latency. Alertmanager sends from its own machine.
const agent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
function postJson(path, body, headers) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      `${platform.gatewayUrl}${path}`,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          try {
            resolve({ status: response.statusCode, body: JSON.parse(text) });
          } catch {
            resolve({ status: response.statusCode, body: text });
          }
        });
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end(payload);
  });
}

/**
 * Sends `count` notifications of `kinds` fingerprints spread evenly over `seconds` (open loop) to a source's
 * webhook; its latencies, errors, outcomes and slow answers by second.
 */
async function storm(source, { count, seconds: over, kinds, prefix }) {
  const result = {
    latencies: [],
    errors: 0,
    outcomes: { opened: 0, folded: 0, queued: 0, other: 0 },
    slowBySecond: new Map(),
    bySecond: new Map(),
  };
  const interval = (over * 1000) / count;
  const began = performance.now();
  const send = async (i) => {
    const started = performance.now();
    try {
      const response = await postJson(source.integration.webhookPath, notification(i, prefix, kinds), source.headers);
      if (response.status !== 200) {
        result.errors++;
        if (result.errors <= 5) console.log(`  error ${response.status}: ${JSON.stringify(response.body)}`);
        return;
      }
      const ms = performance.now() - started;
      result.latencies.push(ms);
      const sentInSecond = Math.floor((started - began) / 1000);
      if (!result.bySecond.has(sentInSecond)) result.bySecond.set(sentInSecond, []);
      result.bySecond.get(sentInSecond).push(ms);
      // Which second of the storm each slow answer was sent in: a tail at the start (the distinct alerts'
      // tickets being opened) reads differently from one spread over the storm.
      if (ms > 100) {
        const second = Math.floor((started - began) / 1000);
        result.slowBySecond.set(second, (result.slowBySecond.get(second) ?? 0) + 1);
      }
      const outcome = response.body.alerts[0].outcome;
      result.outcomes[outcome in result.outcomes ? outcome : 'other']++;
    } catch (error) {
      result.errors++;
      if (result.errors <= 5) console.log(`  error: ${error}`);
    }
  };
  const inFlight = [];
  for (let i = 0; i < count; i++) {
    const wait = began + i * interval - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(send(i));
  }
  result.sentIn = performance.now() - began;
  await Promise.all(inFlight);
  result.answeredIn = performance.now() - began;
  result.latencies.sort((x, y) => x - y);
  return result;
}

/** Until every durable consumer has applied the stream and intake's outbox is empty (the warm-up's tickets settled). */
async function settled(timeoutMs) {
  const nc = await connect({ servers: platform.env.NATS_URL });
  const jsm = await jetstreamManager(nc);
  const check = new pg.Client({ connectionString: platform.infra.database.url });
  await check.connect();
  try {
    const until = performance.now() + timeoutMs;
    while (performance.now() < until) {
      let pending = Number((await check.query('SELECT count(*) FROM intake.outbox')).rows[0].count);
      for await (const info of jsm.consumers.list(platform.env.NATS_EVENTS_STREAM)) {
        pending += info.num_pending + info.num_ack_pending;
      }
      if (pending === 0) return true;
      await sleep(100);
    }
    return false;
  } finally {
    await check.end();
    await nc.close();
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

if (warmup > 0) {
  const warm = await storm(await createIntegration('Prometheus (calentamiento)'), {
    count: warmup,
    seconds: 10,
    kinds: 5,
    prefix: 'warm',
  });
  const isSettled = await settled(60_000);
  console.log(
    `Warm-up (not counted): ${warmup} alerts of another source over 10 s, p99 ${percentile(warm.latencies, 99)?.toFixed(1)} ms, ${warm.errors} errors${isSettled ? '' : ' — consumers NOT caught up within 60 s'}`,
  );
}

console.log(`Storm: ${total} alerts (${distinct} distinct) over ${seconds} s…`);
const cpuBefore = cpuSnapshot(platform);
const traceSample = () => ({
  // The services alone: PostgreSQL and NATS are among `commands`.
  processes: cpuSnapshot(platform).filter((p) => p.pid !== null),
  machine: machineCpu(),
  commands: cpuByCommand(),
  tool: process.cpuUsage(),
});
const cpuBySecond = process.env.BENCH_TRACE ? [traceSample()] : [];
const tracing = process.env.BENCH_TRACE ? setInterval(() => cpuBySecond.push(traceSample()), 1000) : null;
const { latencies, errors, outcomes, slowBySecond, bySecond, sentIn, answeredIn } = await storm(
  { integration, headers },
  { count: total, seconds, kinds: distinct, prefix: 'storm' },
);
const cpuAfter = cpuSnapshot(platform);
if (tracing) {
  clearInterval(tracing);
  console.log('Second by second (the first 10): answers to calls sent in it, their latency, CPU ms spent in it');
  for (let second = 0; second < Math.min(10, cpuBySecond.length - 1); second++) {
    const answered = (bySecond.get(second) ?? []).sort((x, y) => x - y);
    const from = cpuBySecond[second];
    const to = cpuBySecond[second + 1];
    const ours = to.processes.map((p, i) => ({ label: p.label, ms: (p.ms ?? 0) - (from.processes[i].ms ?? 0) }));
    const machineBusy = to.machine.busyMs - from.machine.busyMs;
    const oursTotal = ours.reduce((sum, p) => sum + p.ms, 0);
    const tool = (to.tool.user + to.tool.system - from.tool.user - from.tool.system) / 1000;
    const others = [...to.commands]
      // Kernel workers are renamed by the work they do, so their figures cannot be followed between samples.
      .filter(([command]) => command !== 'node' && !command.startsWith('kworker'))
      .map(([command, ms]) => [command, ms - (from.commands.get(command) ?? 0)])
      .filter(([, ms]) => ms >= 10)
      .sort((a, b) => b[1] - a[1]);
    console.log(
      `  ${String(second).padStart(2)} s: ${String(answered.length).padStart(4)} answers, p50 ${percentile(answered, 50)?.toFixed(0) ?? '-'} p99 ${percentile(answered, 99)?.toFixed(0) ?? '-'} ms; machine busy ${machineBusy.toFixed(0)} of ${(to.machine.totalMs - from.machine.totalMs).toFixed(0)} ms; ${ours
        .filter((p) => p.ms > 0)
        .map((p) => `${p.label} ${p.ms.toFixed(0)}`)
        .join(
          ', ',
        )}; this tool ${tool.toFixed(0)}; ${others.map(([command, ms]) => `${command} ${ms.toFixed(0)}`).join(', ')}; unaccounted ${(machineBusy - oursTotal - tool - others.reduce((sum, [, ms]) => sum + ms, 0)).toFixed(0)}`,
    );
  }
}

const db = new pg.Client({ connectionString: platform.infra.database.url });
await db.connect();
// Firings answered "queued" (their ticket was being opened) are counted once their alert's batch sweeps them.
for (let waited = 0; ; waited += 100) {
  const parked = (await db.query(`SELECT count(*)::int AS n FROM intake.alert_parked_firings`)).rows[0].n;
  if (parked === 0) break;
  if (waited > 60_000) {
    console.log(`  ${parked} queued firings still parked after 60 s`);
    break;
  }
  await sleep(100);
}
const stored = (
  await db.query(
    `SELECT count(*)::int AS tickets, coalesce(sum(firing_count - 1), 0)::int AS folded,
            coalesce(sum(firing_count), 0)::int AS alerts
       FROM intake.alert_records WHERE integration_id = $1`,
    [integration.id],
  )
).rows[0];
// The storm's tickets in intake: every monitoreo ticket but the warm-up's.
const intakeTickets = (
  await db.query(
    `SELECT count(*)::int AS n FROM intake.tickets t
      WHERE t.channel = 'monitoreo'
        AND NOT EXISTS (SELECT 1 FROM intake.alert_records r WHERE r.ticket_id = t.id AND r.integration_id <> $1)`,
    [integration.id],
  )
).rows[0].n;
const notes = (await db.query(`SELECT count(*)::int AS n FROM intake.alert_notes`)).rows[0].n;
await db.end();

const pct = (p) => percentile(latencies, p)?.toFixed(1);
const p99 = Number(pct(99));
console.log(`
alert storm benchmark — ${total} Alertmanager alerts, ${distinct} distinct fingerprints, sent over ${(sentIn / 1000).toFixed(1)} s (all answered after ${(answeredIn / 1000).toFixed(1)} s), all services on this machine
  tickets created: ${stored.tickets} (expected ${distinct}; monitoreo tickets in intake: ${intakeTickets})  ${stored.tickets === distinct ? 'OK' : 'WRONG'}
  alerts folded:   ${stored.folded} (alerts recorded ${stored.alerts} of ${total - errors} accepted; webhook said opened ${outcomes.opened}, folded ${outcomes.folded}, queued ${outcomes.queued})
  timeline notes:  ${notes} (at most one per alert per 30 min)
  errors:          ${errors}  ${errors === 0 ? 'OK' : 'target 0'}
  latency (ms):    p50 ${pct(50)}   p95 ${pct(95)}   p99 ${pct(99)}   max ${latencies.at(-1)?.toFixed(1)}  ${p99 <= 100 ? 'OK (target p99 ≤ 100 ms)' : 'target p99 ≤ 100 ms'}
  over 100 ms:     ${[...slowBySecond.values()].reduce((sum, n) => sum + n, 0)} answers; by second of the storm: ${
    [...slowBySecond]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([second, n]) => `${second} s: ${n}`)
      .join(', ') || 'none'
  }
${cpuReport(cpuBefore, cpuAfter, total, 'alert')}
`);
await platform.stop();
process.exit(stored.tickets === distinct && errors === 0 && stored.alerts === total ? 0 : 1);
