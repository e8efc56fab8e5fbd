// Alert storm benchmark (issue 18): Prometheus Alertmanager notifications POSTed to the monitoring webhook
// through the gateway, spread evenly over a fixed time (open loop: the tool does not wait for our answers),
// each carrying one alert of a small set of distinct fingerprints. Prints the tickets created (one per
// distinct alert), the alerts folded into them, webhook latency percentiles and errors.
// Options: --alerts 10000 --seconds 60 --distinct 50
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ApiClient, startTestPlatform } from '@cau/testing';
import { cpuReport, cpuSnapshot } from './lib/process-cpu.mjs';

const { values } = parseArgs({
  options: {
    alerts: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '60' },
    distinct: { type: 'string', default: '50' },
  },
});
const total = Number(values.alerts);
const seconds = Number(values.seconds);
const distinct = Number(values.distinct);

console.log('Starting the platform…');
const platform = await startTestPlatform('benchalerts', { env: { LOG_LEVEL: 'warn' }, parseMail: false });
const api = new ApiClient(platform.gatewayUrl);
const admin = await api.token(platform.admin.email, platform.admin.password);
const created = await api.request('POST', '/api/v1/monitoring/integrations', {
  token: admin,
  body: {
    name: 'Prometheus (benchmark)',
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
const { integration, secret } = created.body;
const headers = { authorization: `Bearer ${secret}` };

/** Alertmanager's webhook payload (version 4) with one alert, as a group of one sends it. */
const notification = (i) => {
  const n = i % distinct;
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
        annotations: { summary: `${labels.alertname} on ${labels.instance}`, description: `storm alert ${i}` },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: `http://prometheus:9090/graph?g0.expr=up&n=${n}`,
        fingerprint: `storm${String(n).padStart(11, '0')}`,
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

const latencies = [];
let errors = 0;
const outcomes = { opened: 0, folded: 0, other: 0 };
const slowBySecond = new Map();
let start = 0;
const send = async (i) => {
  const started = performance.now();
  try {
    const response = await api.request('POST', integration.webhookPath, { body: notification(i), headers });
    if (response.status !== 200) {
      errors++;
      if (errors <= 5) console.log(`  error ${response.status}: ${JSON.stringify(response.body)}`);
      return;
    }
    const ms = performance.now() - started;
    latencies.push(ms);
    // Which second of the storm each slow answer was sent in: a tail at the start (the distinct alerts'
    // tickets being opened) reads differently from one spread over the storm.
    if (ms > 100) {
      const second = Math.floor((started - start) / 1000);
      slowBySecond.set(second, (slowBySecond.get(second) ?? 0) + 1);
    }
    const outcome = response.body.alerts[0].outcome;
    outcomes[outcome in outcomes ? outcome : 'other']++;
  } catch (error) {
    errors++;
    if (errors <= 5) console.log(`  error: ${error}`);
  }
};

console.log(`Storm: ${total} alerts (${distinct} distinct) over ${seconds} s…`);
const cpuBefore = cpuSnapshot(platform);
const interval = (seconds * 1000) / total;
start = performance.now();
const inFlight = [];
for (let i = 0; i < total; i++) {
  const due = start + i * interval;
  const wait = due - performance.now();
  if (wait > 1) await sleep(wait);
  inFlight.push(send(i));
}
const sentIn = performance.now() - start;
await Promise.all(inFlight);
const answeredIn = performance.now() - start;
const cpuAfter = cpuSnapshot(platform);

const db = new pg.Client({ connectionString: platform.infra.database.url });
await db.connect();
const stored = (
  await db.query(
    `SELECT count(*)::int AS tickets, coalesce(sum(firing_count - 1), 0)::int AS folded,
            coalesce(sum(firing_count), 0)::int AS alerts
       FROM intake.alert_records WHERE integration_id = $1`,
    [integration.id],
  )
).rows[0];
const intakeTickets = (await db.query(`SELECT count(*)::int AS n FROM intake.tickets WHERE channel = 'monitoreo'`))
  .rows[0].n;
const notes = (await db.query(`SELECT count(*)::int AS n FROM intake.alert_notes`)).rows[0].n;
await db.end();

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(1);
const p99 = Number(pct(99));
console.log(`
alert storm benchmark — ${total} Alertmanager alerts, ${distinct} distinct fingerprints, sent over ${(sentIn / 1000).toFixed(1)} s (all answered after ${(answeredIn / 1000).toFixed(1)} s), all services on this machine
  tickets created: ${stored.tickets} (expected ${distinct}; monitoreo tickets in intake: ${intakeTickets})  ${stored.tickets === distinct ? 'OK' : 'WRONG'}
  alerts folded:   ${stored.folded} (alerts recorded ${stored.alerts} of ${total - errors} accepted; webhook said opened ${outcomes.opened}, folded ${outcomes.folded})
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
