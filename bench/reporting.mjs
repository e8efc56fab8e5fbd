// Reporting benchmark: generates tickets straight into reporting's tables with SQL (ticket view and
// fact table, realistic mixes of types, channels, areas, times), then times what people ask of them:
// a year's monthly KPI report (overall and by dimension, from the kpi_daily pre-aggregate), list pages (first and 1,000th, with filters), text
// search, the KPI CSV export through the gateway, the streamed ticket export (~100k rows, CSV and XLSX,
// with the process's peak RSS), and the tables' size on disk.
// Options: --tickets 1000000 --runs 15 --keep (leave the database for inspection)
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { ApiClient, createTestInfrastructure } from '@cau/testing';
import { ReportingRpc } from '@cau/contracts';
import { RpcClient, Subjects, messagingConfigFromEnv, startService } from '@cau/messaging';
import { connect } from '@nats-io/transport-node';
import { seedReporting } from './lib/reporting-seed.mjs';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '15' },
    keep: { type: 'boolean', default: false },
  },
});
const total = Number(values.tickets);
const runs = Number(values.runs);

// The services are loaded from their build: make sure it is current.
spawnSync('npx', ['tsc', '-b', 'libs/testing', 'services/reporting', 'services/gateway'], { stdio: 'inherit' });
const { reportingService } = await import('../services/reporting/dist/reporting.service.js');
const { createGatewayService } = await import('../services/gateway/dist/gateway.service.js');
const { dailySummariesRebuild } = await import('../services/reporting/dist/reports/daily-summaries.sql.js');

const infra = await createTestInfrastructure('benchreporting');
const admin = { email: 'admin@bench.test', password: 'clave-admin-bench-1', name: 'Admin' };
const env = {
  ...process.env,
  ...infra.env,
  LOG_LEVEL: 'warn',
  CAU_TIME_ZONE: 'America/Argentina/Buenos_Aires',
  REPORTING_PORT: '0',
  GATEWAY_PORT: '0',
  JWT_SECRET: 'bench-reporting-secret-0123456789-abcdefgh',
  CAU_ADMIN_EMAIL: admin.email,
  CAU_ADMIN_PASSWORD: admin.password,
  CAU_ADMIN_NAME: admin.name,
};
process.env.CAU_TIME_ZONE = env.CAU_TIME_ZONE;
const reporting = await startService(reportingService, env);
const gateway = await startService(createGatewayService(env), env);
const db = new pg.Client({ connectionString: infra.database.url });
await db.connect();

const timed = async (label, work) => {
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  console.log(`${label}: ${(ms / 1000).toFixed(1)} s`);
};

await seedReporting(db, total, { zone: env.CAU_TIME_ZONE, dailyRebuild: dailySummariesRebuild, timed });
const dailyRows = await db.query('SELECT dimension, count(*)::int AS n FROM reporting.kpi_daily GROUP BY 1 ORDER BY 1');
console.log(`kpi_daily rows: ${dailyRows.rows.map((r) => `${r.dimension || 'overall'} ${r.n}`).join(', ')}`);

const nc = await connect({ servers: env.NATS_URL });
const rpc = new RpcClient(nc, new Subjects(messagingConfigFromEnv(env)), 60_000);
const actor = { accountId: '00000000-0000-4000-8000-000000000002', role: 'supervisor', email: 's@gob.test', name: 'S' };

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
async function measure(label, work) {
  await work(); // warm-up: plans and buffers, as on a server that has been running
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const f = (ms) => `${ms.toFixed(1)} ms`;
  console.log(
    `${label.padEnd(58)} p50 ${f(percentile(samples, 0.5))}  p95 ${f(percentile(samples, 0.95))}  max ${f(samples.at(-1))}`,
  );
}

const year = { from: '2025-01-01', to: '2026-01-01', granularity: 'month' };
await measure('KPI report, 2025 by month', () => rpc.request(ReportingRpc.Kpis, { actor, ...year }));
for (const dimension of ['area', 'category', 'channel', 'priority']) {
  await measure(`KPI report, 2025 by month and ${dimension}`, () =>
    rpc.request(ReportingRpc.Kpis, { actor, ...year, dimension }),
  );
}
await measure('KPI report, 2025 by day', () => rpc.request(ReportingRpc.Kpis, { actor, ...year, granularity: 'day' }));
await measure('recurring incidents by requester, 2025', () =>
  rpc.request(ReportingRpc.Recurring, { actor, from: year.from, to: year.to, by: 'requester' }),
);
await measure('yearly figures 2023–2025', () =>
  rpc.request(ReportingRpc.Yearly, { actor, fromYear: 2023, toYear: 2025 }),
);

const list = (filters) => rpc.request(ReportingRpc.TicketList, { actor, filters: { limit: 20, ...filters } });
// The cursor of the 1,000th page: the number the 999th page ended on, found once so only the page is timed.
const cursorOf = async (where) => {
  const { rows } = await db.query(
    `SELECT number FROM reporting.ticket_view WHERE number IS NOT NULL ${where}
     ORDER BY number DESC OFFSET 19999 LIMIT 1`,
  );
  return rows[0] ? Number(rows[0].number) : null;
};
const deepPage = async (label, filters, where) => {
  const before = await cursorOf(where);
  if (before === null) console.log(`${label}: fewer than 1,000 pages, skipped`);
  else await measure(label, () => list({ ...filters, before }));
};
await measure('list, first page', () => list({}));
await deepPage('list, 1,000th page', {}, '');
await measure('list, first page, area=UIT status=cerrado', () => list({ area: 'UIT', status: 'cerrado' }));
await deepPage(
  'list, 1,000th page, area=UIT status=cerrado',
  { area: 'UIT', status: 'cerrado' },
  `AND area = 'UIT' AND status = 'cerrado'`,
);
await measure('list, first page, jurisdiction=JUR5', () => list({ jurisdiction: 'JUR5' }));
await measure('text search "impresora"', () => list({ text: 'impresora' }));
await measure('text search "correo acceso" in area UIT', () => list({ text: 'correo acceso', area: 'UIT' }));

const api = new ApiClient(gateway.url);
const token = await api.token(admin.email, admin.password);
const exportRows = async (path) => {
  const response = await fetch(`${gateway.url}/api/v1/reports/${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text}`);
  return text.split('\r\n').length - 2;
};
const weeklyByArea = 'kpis.csv?from=2025-01-01&to=2026-01-01&granularity=week&dimension=area';
console.log(`CSV export, 2025 by week and area: ${await exportRows(weeklyByArea)} rows`);
await measure('CSV export through the gateway, 2025 by week and area', () => exportRows(weeklyByArea));
await measure('XLSX export through the gateway, 2025 by month and area', () =>
  exportRows('kpis.xlsx?from=2025-01-01&to=2026-01-01&granularity=month&dimension=area'),
);

// The ticket export streams through the gateway page by page; about 100k tickets match this filter. The
// services run in this process, so its RSS while exporting covers reporting, the gateway and the client.
const streamExport = async (path) => {
  const response = await fetch(`${gateway.url}/api/v1/reports/${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  let bytes = 0;
  let lineBreaks = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lineBreaks++;
  }
  return { bytes, lineBreaks };
};
const exportFilter = 'area=UPAT&status=cerrado';
for (const format of ['csv', 'xlsx']) {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const { bytes, lineBreaks } = await streamExport(`tickets.${format}?${exportFilter}`);
  const ms = performance.now() - started;
  clearInterval(sampler);
  const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const rows = format === 'csv' ? `${(lineBreaks - 1).toLocaleString('en')} rows, ` : '';
  console.log(
    `ticket export ${format.toUpperCase()} (${exportFilter}): ${rows}${mb(bytes)} in ${(ms / 1000).toFixed(2)} s; ` +
      `RSS before ${mb(rssBefore)}, peak ${mb(peak)}`,
  );
}

const sizes = await db.query(
  `SELECT relname AS table, pg_size_pretty(pg_total_relation_size(c.oid)) AS total,
          pg_size_pretty(pg_relation_size(c.oid)) AS heap
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'reporting' AND relname IN ('ticket_view', 'ticket_facts', 'ticket_timeline', 'kpi_daily')`,
);
for (const row of sizes.rows) console.log(`size of ${row.table}: ${row.total} (table alone ${row.heap})`);
console.log(
  `database size: ${(await db.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS s')).rows[0].s}`,
);

await nc.close();
await db.end();
await gateway.stop();
await reporting.stop();
if (!values.keep) await infra.cleanup();
