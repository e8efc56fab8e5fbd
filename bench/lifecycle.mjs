// Lifecycle benchmark: full 9.2-style lifecycles through the HTTP API, many in flight at once:
// register → take → escalate to UIT → UIT takes → estimate → solution → return to L1 → submit → approve.
// Prints lifecycles/s, latency percentiles per step and the CPU each process spent per lifecycle. Options: --inflight 200 --lifecycles 1000
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { ApiClient, startTestPlatform } from '@cau/testing';
import { cpuReport, cpuSnapshot } from './lib/process-cpu.mjs';

const { values } = parseArgs({
  options: { inflight: { type: 'string', default: '200' }, lifecycles: { type: 'string', default: '1000' } },
});
const inflight = Number(values.inflight);
const total = Number(values.lifecycles);

console.log('Starting the platform…');
const platform = await startTestPlatform('benchlife', { env: { LOG_LEVEL: 'warn' }, parseMail: false });
const api = new ApiClient(platform.gatewayUrl);
const admin = await api.token(platform.admin.email, platform.admin.password);
const account = (email, role, extra = {}) =>
  api.createAccount(admin, { email, name: email, role, password: 'clave-bench-12345', ...extra });
const operator = await account('operador@bench.test', 'operator');
const supervisor = await account('supervisor@bench.test', 'supervisor');
const uit = await account('uit@bench.test', 'agent', { area: 'UIT' });

const steps = ['register', 'take', 'escalate', 'uit-take', 'estimate', 'solution', 'return', 'submit', 'approve'];
const latencies = Object.fromEntries(steps.map((s) => [s, []]));
let errors = 0;
// Requests answered 404 because the ticket was not yet known where the step went (routing or resolution had not
// applied its registration): retried, and their CPU is in the figures per lifecycle, so their number is printed.
let notYetKnown = 0;
const notYetKnownByStep = Object.fromEntries(steps.map((s) => [s, 0]));

async function step(name, method, path, token, body, expected) {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    const response = await api.request(method, path, { token, ...(body ? { body } : {}) });
    // Right after registration the ticket may not be routed yet: that wait is part of the step.
    if (response.status === 404 && attempt < 200) {
      notYetKnown++;
      notYetKnownByStep[name]++;
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    latencies[name].push(performance.now() - started);
    if (response.status !== expected) {
      errors++;
      throw new Error(`${name} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }
}

async function lifecycle(i) {
  const created = await step(
    'register',
    'POST',
    '/api/v1/tickets',
    operator,
    {
      channel: 'telefono',
      requester: { email: `persona${i % 300}@bench.test`, name: `Persona ${i % 300}` },
      jurisdiction: 'BENCH',
      title: `El servidor ${i} no responde`,
      description: 'El servicio no está disponible desde esta mañana.',
      type: 'incidente',
      category: 'sistemas-y-aplicaciones',
      impact: 'alto',
      urgency: 'media',
    },
    201,
  );
  const t = `/api/v1/tickets/${created.number}`;
  await step('take', 'POST', `${t}/take`, operator, undefined, 200);
  await step('escalate', 'POST', `${t}/derivations`, operator, { to: 'UIT', reason: 'Disponibilidad' }, 201);
  await step('uit-take', 'POST', `${t}/take`, uit, undefined, 200);
  await step('estimate', 'POST', `${t}/estimates`, uit, { minutes: 60 }, 200);
  await step('solution', 'POST', `${t}/solution`, uit, { solution: 'Servicio reiniciado.' }, 200);
  await step('return', 'POST', `${t}/derivations`, uit, { to: 'L1', reason: 'Solución registrada' }, 201);
  await step('submit', 'POST', `${t}/submit`, operator, { verifiedWithRequester: true }, 200);
  await step('approve', 'POST', `${t}/review`, supervisor, { decision: 'approve' }, 200);
}

console.log(`Running ${total} lifecycles, ${inflight} in flight…`);
let next = 0;
let completed = 0;
const cpuBefore = cpuSnapshot(platform);
const started = performance.now();
await Promise.all(
  Array.from({ length: inflight }, async () => {
    while (next < total) {
      const i = next++;
      try {
        await lifecycle(i);
        completed++;
      } catch (error) {
        if (errors <= 5) console.error(String(error));
      }
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const cpuAfter = cpuSnapshot(platform);
const pct = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(1) ?? '-';
};
console.log(`
lifecycle benchmark — ${total} lifecycles, ${inflight} in flight, all services on this machine
  completed:  ${completed} in ${seconds.toFixed(1)} s (${(completed / seconds).toFixed(1)} lifecycles/s), errors ${errors}
  requests retried after a 404 (the ticket not yet known there): ${notYetKnown} (${(notYetKnown / Math.max(completed, 1)).toFixed(1)} per lifecycle)
  step          p50 ms   p95 ms   p99 ms   404s retried`);
for (const s of steps) {
  console.log(
    `  ${s.padEnd(12)} ${pct(latencies[s], 50).padStart(7)}  ${pct(latencies[s], 95).padStart(7)}  ${pct(latencies[s], 99).padStart(7)}  ${String(notYetKnownByStep[s]).padStart(12)}`,
  );
}
console.log(cpuReport(cpuBefore, cpuAfter, completed, 'lifecycle'));
await platform.stop();
process.exit(0);
