// F01 benchmark (issue 15): the form "Atención a Usuarios de la Unidad" of one field ticket (a machine, a
// contracted technician's visit, a repair out and back, the sign-off with two drawn signatures) rendered by
// inventory over NATS, as the gateway asks for it once it has read the ticket from reporting, by N clients
// for a fixed time. Prints the latency percentiles and the machine's load average (the machine may be
// shared). Target: p95 ≤ 200 ms.
// Options: --clients 4 --seconds 20 --keep (leave the database)
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { connect } from '@nats-io/transport-node';
import { InventoryRpc } from '@cau/contracts';
import { RpcClient, Subjects, messagingConfigFromEnv } from '@cau/messaging';
import { allocatePort, createTestInfrastructure, spawnService } from '@cau/testing';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);

// The service runs from its build: make sure it is current.
spawnSync('npx', ['tsc', '-b', 'libs/testing', 'services/inventory'], { stdio: 'inherit' });

const infra = await createTestInfrastructure('benchf01');
const inventory = await spawnService('inventory', { ...infra.env, LOG_LEVEL: 'warn' }, allocatePort());
const nc = await connect({ servers: infra.env.NATS_URL });
const rpc = new RpcClient(nc, new Subjects(messagingConfigFromEnv(infra.env)), 10_000);
const actor = { accountId: randomUUID(), role: 'operator', email: 'op@cau.bench', name: 'Operadora Bench' };

// A 200×80 PNG signature, as the portal's pad sends it (a few KiB).
const { deflateSync } = await import('node:zlib');
const png = (() => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const [width, height] = [200, 80];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0;
    const x = Math.floor((Math.sin(y / 6) + 1) * 90) + 5;
    rows[y * (width + 1) + 1 + x] = 0;
  }
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${bytes.toString('base64')}`;
})();

const ticket = { ticketId: randomUUID(), ticketNumber: 1 };
const pc = await rpc.request(InventoryRpc.RegisterEquipment, {
  actor,
  equipment: {
    inventoryNumber: 'PC-F01',
    serial: 'SN-F01',
    type: 'pc',
    brand: 'HP',
    model: 'ProDesk',
    state: 'en_uso',
  },
});
await rpc.request(InventoryRpc.LinkTicketEquipment, { actor, ticket, link: { equipmentId: pc.id } });
const visitor = { kind: 'contractor', company: 'Soporte Técnico SA', technician: 'Luis Gómez', reportNumber: 'UTIC-1' };
const visitId = randomUUID();
await rpc.request(InventoryRpc.PlanVisit, { actor, ticket, visitId, plannedFor: new Date().toISOString(), visitor });
await rpc.request(InventoryRpc.RecordVisit, {
  actor,
  ticket,
  visitId,
  visitor,
  arrivedAt: new Date().toISOString(),
  departedAt: new Date().toISOString(),
  workDone: 'Revisión de la fuente de alimentación y del cableado; se decide llevar el equipo al taller.',
});
const repair = await rpc.request(InventoryRpc.RecordRepairOut, {
  actor,
  ticket,
  repair: {
    equipmentId: pc.id,
    takenBy: 'Luis Gómez',
    destination: 'Taller de Soporte Técnico SA',
    expectedReturn: '2099-01-15',
    reportNumber: 'UTIC-1',
    reason: 'Falla de la placa madre.',
  },
});
await rpc.request(InventoryRpc.RecordRepairReturn, {
  actor,
  ticket,
  repairId: repair.id,
  repair: { returnedOn: '2099-01-10', condition: 'funciona', note: 'Placa reemplazada.' },
});
await rpc.request(InventoryRpc.RecordSignOff, {
  actor,
  ticket,
  signOff: {
    conforme: true,
    comments: 'Equipo funcionando.',
    user: { name: 'Ana Pérez', drawing: png },
    head: { name: 'Marta Jefa' },
    repairStaff: { name: 'Luis Gómez', drawing: png },
  },
});
const facts = {
  ticketId: ticket.ticketId,
  number: 1,
  registeredAt: new Date().toISOString(),
  title: 'La PC no enciende',
  description: 'Al presionar el botón de encendido no pasa nada desde esta mañana; la luz del frente parpadea.',
  status: 'cerrado',
  jurisdiction: 'SALUD',
  requester: { name: 'Ana Pérez', email: 'ana.perez@salud.gob', phone: '+54 2954 123456' },
  solution: 'Se reemplazó la placa madre en el taller de la empresa.',
  closedAt: new Date().toISOString(),
};

async function render(clientCount, durationSeconds) {
  const latencies = [];
  let bytes = 0;
  const deadline = performance.now() + durationSeconds * 1000;
  await Promise.all(
    Array.from({ length: clientCount }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const form = await rpc.request(InventoryRpc.F01Form, { actor, ticket: facts });
        latencies.push(performance.now() - started);
        bytes = form.pdf.length;
      }
    }),
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(1);
  return (
    `${latencies.length} forms (${(latencies.length / durationSeconds).toFixed(1)}/s, ${Math.round((bytes * 3) / 4 / 1024)} KiB each); ` +
    `p50 ${at(50)}   p95 ${at(95)}   p99 ${at(99)}   max ${sorted.at(-1)?.toFixed(1)} ms`
  );
}
await render(1, 2); // warm-up: fonts, query plans
const single = await render(1, Math.min(seconds, 10));
const many = await render(clients, seconds);
console.log(
  [
    `F01 benchmark (target p95 ≤ 200 ms), load average ${loadavg()[0].toFixed(1)}:`,
    `  NATS to inventory, 1 client:  ${single}`,
    `  NATS to inventory, ${clients} clients: ${many}`,
  ].join('\n'),
);

await nc.close();
await inventory.stop();
if (!values.keep) await infra.cleanup();
