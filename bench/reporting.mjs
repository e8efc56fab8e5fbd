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
import { RpcClient, Subjects, messagingConfigFromEnv, startService } from '@cau/messaging';
import { connect } from '@nats-io/transport-node';

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
const { kpiDailyRebuild } = await import('../services/reporting/dist/reports/kpi-daily.sql.js');

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

// Three years of tickets, 2023–2025. Hours lean to the working day; types, channels, areas and
// categories follow a desk's usual mix; most tickets are closed, the newest are still open.
// A fixed seed, so every run measures the same data.
await db.query('SELECT setseed(0.42)');
await timed(`generated ${total.toLocaleString('en')} tickets (ticket_view)`, () =>
  db.query(
    `INSERT INTO reporting.ticket_view
       (ticket_id, number, title, description, channel, type, category, impact, urgency, priority, area, status,
        overdue, jurisdiction, requester_email, requester_name, requester, registered_by, attachments,
        registered_at, routed_at, updated_at, area_changed_at, first_response_at, resolved_at, closed_at,
        satisfaction, satisfaction_at)
     SELECT gen_random_uuid(), i, t.title, 'Descripción del problema ' || i, t.channel, t.type, t.category,
            'medio', 'media', t.priority, t.area, t.status, t.overdue, t.jurisdiction, t.email, 'Persona ' || t.person,
            jsonb_build_object('email', t.email, 'name', 'Persona ' || t.person),
            '{"accountId":"00000000-0000-4000-8000-000000000001","name":"Operadora","role":"operator"}',
            '[]', t.registered, t.registered + interval '1 minute', t.registered, t.registered + interval '1 minute',
            t.responded, t.closed, t.closed, t.satisfaction, t.closed + interval '3 hours'
     FROM generate_series(1, $1::int) i,
     LATERAL (
       SELECT r.*,
              CASE WHEN r.open THEN 'en_curso' ELSE 'cerrado' END AS status,
              r.registered + make_interval(mins => (r.response_min)::int) AS responded,
              CASE WHEN r.open THEN NULL ELSE r.registered + make_interval(mins => (r.resolution_min)::int) END AS closed,
              CASE WHEN r.open OR r.survey > 0.6 THEN NULL
                   WHEN r.survey < 0.48 THEN 'satisfecho' WHEN r.survey < 0.56 THEN 'regular' ELSE 'insatisfecho' END
                AS satisfaction
       FROM (
         SELECT timestamptz '2023-01-02 11:00+00' + make_interval(days => (i::bigint * 1095 / $1)::int)
                  + make_interval(mins => (random() * 480 + i * 0)::int) AS registered,
                i > $1 * 0.985 AS open,
                -ln(1 - random()) * 90 AS response_min,
                -ln(1 - random()) * 2880 + 60 AS resolution_min,
                random() AS survey,
                random() < 0.08 AS overdue,
                (ARRAY['incidente','incidente','incidente','incidente','incidente','solicitud','solicitud',
                       'solicitud','reclamo','incidente_seguridad'])[1 + floor(random() * 10)::int] AS type,
                (ARRAY['telefono','telefono','telefono','telefono','email','email','portal','portal','whatsapp',
                       'presencial'])[1 + floor(random() * 10)::int] AS channel,
                (ARRAY['L1','L1','L1','L1','L1','L1','UIT','UIT','UPAT','ACGII'])[1 + floor(random() * 10)::int] AS area,
                (ARRAY['ALTA','MEDIA','MEDIA','BAJA'])[1 + floor(random() * 4)::int] AS priority,
                'cat' || lpad(floor(power(random(), 2) * 25)::int::text, 2, '0') AS category,
                'JUR' || floor(power(random(), 2) * 60)::int AS jurisdiction,
                floor(power(random(), 3) * 50000)::int AS person,
                'persona' || floor(power(random(), 3) * 50000)::int || '@gob.test' AS email,
                (ARRAY['No funciona la impresora','Sin acceso al correo','El sistema de expedientes no responde',
                       'Solicitud de nueva cuenta','Pantalla azul al iniciar','La red está lenta',
                       'Restablecer contraseña','Instalar programa de firma digital'])[1 + floor(random() * 8)::int]
                  AS title
       ) r
     ) t`,
    [total],
  ),
);

await timed('filled ticket_facts', () =>
  db.query(
    `INSERT INTO reporting.ticket_facts
       (ticket_id, number, registered_at, type, channel, category, jurisdiction, requester_email, priority, area,
        status, first_response_at, first_response_business_minutes, first_response_calendar_minutes,
        first_derived_at, derivations, solved_at, closed_at, resolution_business_minutes,
        resolution_calendar_minutes, satisfaction, satisfaction_at, response_breached_at, breached_at)
     SELECT ticket_id, number, registered_at, type, channel, category, jurisdiction, requester_email, priority, area,
            status, first_response_at,
            -- Business minutes are about a third of calendar minutes over days (8 of 24 hours, 5 of 7 days).
            extract(epoch FROM first_response_at - registered_at) / 60 * 0.9,
            extract(epoch FROM first_response_at - registered_at) / 60,
            CASE WHEN area <> 'L1' THEN first_response_at + interval '20 minutes' END,
            CASE WHEN area <> 'L1' THEN 1 ELSE 0 END,
            resolved_at, closed_at,
            extract(epoch FROM closed_at - registered_at) / 60 * 0.3,
            extract(epoch FROM closed_at - registered_at) / 60,
            satisfaction, CASE WHEN satisfaction IS NOT NULL THEN satisfaction_at END,
            CASE WHEN overdue THEN registered_at + interval '2 hours' END,
            CASE WHEN overdue THEN registered_at + interval '2 hours' END
     FROM reporting.ticket_view`,
  ),
);
await timed('analyze', async () => {
  await db.query('VACUUM ANALYZE reporting.ticket_view');
  await db.query('VACUUM ANALYZE reporting.ticket_facts');
});
// The KPI report reads the daily pre-aggregate; the service fills it at the start, so fill it here the same
// way (the same SQL) for the facts written behind its back.
await timed('filled kpi_daily', async () => {
  await db.query('BEGIN');
  for (const sql of kpiDailyRebuild('reporting')) await db.query(sql, sql.includes('$1') ? [env.CAU_TIME_ZONE] : []);
  await db.query('COMMIT');
  await db.query('VACUUM ANALYZE reporting.kpi_daily');
});
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
await measure('KPI report, 2025 by month', () => rpc.request('reporting.kpis.v1', { actor, ...year }));
for (const dimension of ['area', 'category', 'channel', 'priority']) {
  await measure(`KPI report, 2025 by month and ${dimension}`, () =>
    rpc.request('reporting.kpis.v1', { actor, ...year, dimension }),
  );
}
await measure('KPI report, 2025 by day', () =>
  rpc.request('reporting.kpis.v1', { actor, ...year, granularity: 'day' }),
);
await measure('recurring incidents by requester, 2025', () =>
  rpc.request('reporting.recurring.v1', { actor, from: year.from, to: year.to, by: 'requester' }),
);
await measure('yearly figures 2023–2025', () =>
  rpc.request('reporting.yearly.v1', { actor, fromYear: 2023, toYear: 2025 }),
);

const list = (filters) => rpc.request('reporting.ticket.list.v1', { actor, filters: { limit: 20, ...filters } });
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
