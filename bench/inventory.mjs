// Inventory benchmark (issue 15): a 100,000-row CSV of equipment imported through the gateway (multipart,
// parsed as it arrives, staged in chunks, applied in one transaction), imported again (nothing changes),
// then the list searched by exact inventory number or serial at N concurrent clients over HTTP for a fixed
// time. Prints the import times and the search latency percentiles. Targets: import ≤ 30 s, p95 ≤ 20 ms.
// Options: --rows 100000 --clients 16 --seconds 20 --keep (leave the database)
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { allocatePort, createTestInfrastructure, spawnService } from '@cau/testing';

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

const first = await importCsv();
const again = await importCsv();

// Search: each client asks for a random inventory number or serial (as typed from a label, any case).
const latencies = [];
const deadline = performance.now() + seconds * 1000;
let misses = 0;
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (performance.now() < deadline) {
      const i = 1 + Math.floor(Math.random() * rows);
      const text = Math.random() < 0.5 ? number(i).toLowerCase() : serial(i);
      const started = performance.now();
      const answer = await fetch(
        `${gateway.url}/api/v1/inventory/equipment?text=${encodeURIComponent(text)}&limit=20`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      const page = await answer.json();
      latencies.push(performance.now() - started);
      if (answer.status !== 200 || page.items.length === 0) misses++;
    }
  }),
);
const sorted = [...latencies].sort((a, b) => a - b);
const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(1);

console.log(
  [
    `inventory benchmark: ${rows} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MiB of CSV`,
    `  first import:  ${first.seconds.toFixed(1)} s  ${JSON.stringify(first.report)}  (target ≤ 30 s)`,
    `  same again:    ${again.seconds.toFixed(1)} s  ${JSON.stringify(again.report)}`,
    `  search by number or serial, ${clients} clients, ${seconds} s over HTTP:`,
    `    ${latencies.length} searches (${(latencies.length / seconds).toFixed(0)}/s), ${misses} without a hit`,
    `    latency (ms): p50 ${at(50)}   p95 ${at(95)} (target ≤ 20)   p99 ${at(99)}   max ${sorted.at(-1)?.toFixed(1)}`,
  ].join('\n'),
);

await gateway.stop();
await inventory.stop();
if (!values.keep) await infra.cleanup();
