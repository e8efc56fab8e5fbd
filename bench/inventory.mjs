// Inventory benchmark (issue 15): a 100,000-row CSV of equipment imported through the gateway (multipart,
// parsed as it arrives, staged in chunks, applied in one transaction), imported again (nothing changes),
// then the list searched by inventory number or serial: over HTTP with one client, over HTTP with N
// concurrent clients, and straight to inventory over NATS with N clients (the service's own share), each for
// a fixed time. Prints each figure against its target, the CPU the services spent per import and per search
// (from /proc, so a busy shared machine does not hide what the code costs) and the load average.
// Targets: import ≤ 30 s, p95 ≤ 20 ms at 16 clients; the F01 PDF (p95 ≤ 200 ms) joins `figures` when F01 exists.
// Options: --rows 100000 --clients 16 --seconds 20 --keep (leave the database)
import { spawnSync } from 'node:child_process';
import { Agent as HttpAgent, get as httpGet } from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { connect } from '@nats-io/transport-node';
import { InventoryRpc } from '@cau/contracts';
import { RpcClient, Subjects, messagingConfigFromEnv } from '@cau/messaging';
import { allocatePort, createTestInfrastructure, spawnService } from '@cau/testing';
import { cpuReport, cpuSnapshot } from './lib/process-cpu.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const clients = Number(values.clients);
const seconds = Number(values.seconds);

// The services run from their build: make sure it is current.
spawnSync('npx', ['tsc', '-b', 'libs/testing', 'services/inventory', 'services/gateway'], { stdio: 'inherit' });

const infra = await createTestInfrastructure('benchinv');
const admin = { email: 'admin@cau.bench', password: 'clave-de-bench-admin' };
const env = {
  ...infra.env,
  LOG_LEVEL: 'warn',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  CAU_ADMIN_EMAIL: admin.email,
  CAU_ADMIN_PASSWORD: admin.password,
  CAU_ADMIN_NAME: 'Admin Bench',
  AUTH_RATE_LIMIT: '1000',
};
const inventory = await spawnService('inventory', env, allocatePort());
const gateway = await spawnService('gateway', env, allocatePort());
const platform = { processes: [inventory, gateway] };
const token = (
  await (
    await fetch(`${gateway.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    })
  ).json()
).accessToken;

// A deterministic register: numbers INV-000001…, serials scattered, types, states and places varied.
const TYPES = ['PC', 'Notebook', 'Impresora', 'Monitor', 'Dispositivo de red', 'Teléfono', 'Otro'];
const STATES = ['En uso', 'En stock', 'En reparación', 'Dado de baja'];
const BRANDS = ['Dell', 'HP', 'Lenovo', 'Lexmark', 'Cisco', 'Samsung', 'LG', 'Brother'];
const number = (i) => `INV-${String(i).padStart(6, '0')}`;
const serial = (i) => `SN${((i * 2_654_435_761) >>> 0).toString(36).toUpperCase()}`;
const lines = [
  'numero_inventario,serie,tipo,marca,modelo,edificio,piso,oficina,jurisdiccion,estado,fecha_compra,garantia_hasta,proveedor,atributos',
];
for (let i = 1; i <= rows; i++) {
  lines.push(
    [
      number(i),
      serial(i),
      TYPES[i % TYPES.length],
      BRANDS[i % BRANDS.length],
      `Modelo ${i % 97}`,
      `Edificio ${i % 12}`,
      String(i % 9),
      `Oficina ${i % 300}`,
      ['SALUD', 'EDUCACION', 'HACIENDA', 'SEGURIDAD'][i % 4],
      STATES[i % STATES.length],
      `20${String(15 + (i % 10))}-0${1 + (i % 9)}-1${i % 10}`,
      '',
      `Proveedor ${i % 40}`,
      i % 5 === 0 ? `"{""ram"":""${4 * (1 + (i % 4))} GB""}"` : '',
    ].join(','),
  );
}
const csv = `${lines.join('\r\n')}\r\n`;

async function importCsv() {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'inventario.csv');
  const started = performance.now();
  const answer = await fetch(`${gateway.url}/api/v1/inventory/equipment/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = await answer.json();
  if (answer.status !== 200) throw new Error(`import: ${answer.status} ${JSON.stringify(body).slice(0, 500)}`);
  return { seconds: (performance.now() - started) / 1000, report: body };
}

const nc = await connect({ servers: infra.env.NATS_URL });
const load = () => os.loadavg()[0].toFixed(1);
const cpuBeforeImport = cpuSnapshot(platform);
const first = await importCsv();
const cpuFirstImport = cpuReport(cpuBeforeImport, cpuSnapshot(platform), 1, 'first import');
const loadAtImport = load();
const again = await importCsv();

// Search: each client asks for a random inventory number or serial (as typed from a label, any case),
// over HTTP through the gateway, and straight to inventory over NATS (the service's own share).
const rpc = new RpcClient(nc, new Subjects(messagingConfigFromEnv(infra.env)), 10_000);
const staff = {
  accountId: '00000000-0000-4000-8000-000000000001',
  role: 'operator',
  email: 'op@cau.bench',
  name: 'Op',
};
const randomText = () => {
  const i = 1 + Math.floor(Math.random() * rows);
  return Math.random() < 0.5 ? number(i).toLowerCase() : serial(i);
};
// The searches go through node:http with kept-alive connections rather than fetch: the client shares the two
// cores with the services it measures, and fetch's own work per request (about as much as the gateway's)
// would be counted as the server's latency. A browser or a desk's PC does that work on its own machine.
const agent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
function getJson(url) {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
async function searchFor(clientCount, durationSeconds, viaHttp) {
  const latencies = [];
  const cpuBefore = cpuSnapshot(platform);
  let misses = 0;
  const deadline = performance.now() + durationSeconds * 1000;
  await Promise.all(
    Array.from({ length: clientCount }, async () => {
      while (performance.now() < deadline) {
        const text = randomText();
        const started = performance.now();
        let items;
        if (viaHttp) {
          const answer = await getJson(
            `${gateway.url}/api/v1/inventory/equipment?text=${encodeURIComponent(text)}&limit=20`,
          );
          items = answer.status === 200 ? JSON.parse(answer.body).items : [];
        } else {
          items = (await rpc.request(InventoryRpc.ListEquipment, { actor: staff, params: { text, limit: 20 } })).items;
        }
        latencies.push(performance.now() - started);
        if (items.length === 0) misses++;
      }
    }),
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return {
    p95: at(95),
    line:
      `${latencies.length} searches (${(latencies.length / durationSeconds).toFixed(0)}/s), ${misses} without a hit; ` +
      `p50 ${at(50).toFixed(1)}   p95 ${at(95).toFixed(1)}   p99 ${at(99).toFixed(1)}   max ${sorted.at(-1)?.toFixed(1)} ms`,
    cpu: cpuReport(cpuBefore, cpuSnapshot(platform), latencies.length, 'search'),
  };
}
const single = await searchFor(1, 5, true);
const http = await searchFor(clients, seconds, true);
const loadAtSearch = load();
const direct = await searchFor(clients, seconds, false);

/** Each figure against its target: { name, value, unit, target, detail }. The F01 PDF's p95 is added here. */
const figures = [
  {
    name: 'import of 100,000 rows',
    value: first.seconds,
    unit: 's',
    target: 30,
    detail: `load average ${loadAtImport}`,
  },
  {
    name: `search p95 at ${clients} clients (HTTP)`,
    value: http.p95,
    unit: 'ms',
    target: 20,
    detail: `load average ${loadAtSearch}`,
  },
];
const mark = (f) => (f.value <= f.target ? 'met' : 'NOT met');
console.log(
  [
    `inventory benchmark: ${rows} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MiB of CSV, ${os.cpus().length} CPUs`,
    ...figures.map(
      (f) =>
        `  ${f.name.padEnd(34)} ${f.value.toFixed(1).padStart(7)} ${f.unit.padEnd(2)}  target ≤ ${f.target} ${f.unit}: ${mark(f)}  (${f.detail})`,
    ),
    '',
    `  first import:  ${first.seconds.toFixed(1)} s  ${JSON.stringify(first.report)}`,
    `  same again:    ${again.seconds.toFixed(1)} s  ${JSON.stringify(again.report)}`,
    cpuFirstImport,
    `  search by number or serial:`,
    `    HTTP, 1 client:             ${single.line}`,
    `    HTTP, ${clients} clients:           ${http.line}`,
    `    NATS to inventory, ${clients} clients: ${direct.line}`,
    http.cpu.replace('CPU per search', `CPU per search (HTTP, ${clients} clients; PostgreSQL not counted)`),
  ].join('\n'),
);

agent.destroy();
await nc.close();
await gateway.stop();
await inventory.stop();
if (values.keep) console.log(`  database kept: ${infra.env.DATABASE_URL}`);
else await infra.cleanup();
