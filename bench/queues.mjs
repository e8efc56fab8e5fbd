// Queues benchmark: the desk console's queues on --tickets (default 100,000) tickets written straight into
// reporting's ticket view with SQL (three years; most closed, the newest open, in five areas, forty agents,
// due dates around now, some con atraso, some waiting on the requester). For each queue the console uses,
// the first page of 50 and the page after it (by its cursor):
//   - the statement reporting runs, as ListTicketsUseCase builds it, under EXPLAIN (ANALYZE, BUFFERS):
//     execution time, buffers touched and the index that serves it;
//   - the round trip of `reporting.ticket.list.v1` over NATS (median and p95 of --runs).
// Options: --tickets 100000 --runs 20 --keep (leave the database for inspection)
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { createTestInfrastructure } from '@cau/testing';
import { ReportingRpc } from '@cau/contracts';
import { RpcClient, Subjects, messagingConfigFromEnv, startService } from '@cau/messaging';
import { AGENT, seedTicketView } from './lib/ticket-view-seed.mjs';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const total = Number(values.tickets);
const runs = Number(values.runs);

spawnSync('npx', ['tsc', '-b', 'libs/testing', 'services/reporting'], { stdio: 'inherit' });
const { reportingService } = await import('../services/reporting/dist/reporting.service.js');
const { TicketViewRepository } = await import('../services/reporting/dist/tickets/ticket-view.repository.js');
const { ListTicketsUseCase } = await import('../services/reporting/dist/tickets/list-tickets.use-case.js');

const timeZone = 'America/Argentina/Buenos_Aires';
const infra = await createTestInfrastructure('benchqueues');
const env = { ...process.env, ...infra.env, LOG_LEVEL: 'warn', CAU_TIME_ZONE: timeZone, REPORTING_PORT: '0' };
process.env.CAU_TIME_ZONE = timeZone;
const reporting = await startService(reportingService, env);
const db = new pg.Client({ connectionString: infra.database.url });
await db.connect();

const timed = async (label, work) => {
  const started = performance.now();
  await work();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
};

await timed(`generated ${total.toLocaleString('en')} tickets and analysed them`, () => seedTicketView(db, total));
const mix = await db.query(
  `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE overdue)::int AS overdue,
          count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned
   FROM reporting.ticket_view GROUP BY status ORDER BY status`,
);
console.log(
  'mix:',
  mix.rows.map((r) => `${r.status} ${r.n} (con atraso ${r.overdue}, sin asignar ${r.unassigned})`).join('; '),
);

const nc = await connect({ servers: env.NATS_URL });
const rpc = new RpcClient(nc, new Subjects(messagingConfigFromEnv(env)), 60_000);
const agent = { accountId: AGENT(9), role: 'agent', email: 'agente.uit@gob.test', name: 'Agente 9', area: 'UIT' };
const l1 = { accountId: AGENT(3), role: 'operator', email: 'operadora@gob.test', name: 'Operadora', area: 'L1' };
const supervisor = { accountId: AGENT(99), role: 'supervisor', email: 's@gob.test', name: 'S' };

// The statement of a page, exactly as reporting builds it: the use case over a repository that hands its
// SQL here instead of running it.
let captured = null;
const capturing = new TicketViewRepository({
  schema: 'reporting',
  dataSource: {
    query: async (sql, params) => {
      captured = { sql, params };
      return [];
    },
  },
});
const builder = new ListTicketsUseCase(capturing, { timeZone });
/** The plan of the page's statement; its execution time is the median of five runs (the machine is shared). */
async function explain(actor, filters) {
  await builder.list({ actor, filters });
  const plans = [];
  for (let i = 0; i < 5; i++) {
    const [
      {
        'QUERY PLAN': [one],
      },
    ] = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${captured.sql}`, captured.params)).rows;
    plans.push(one);
  }
  plans.sort((a, b) => a['Execution Time'] - b['Execution Time']);
  const plan = plans[2];
  const indexes = new Set();
  const walk = (node) => {
    if (node['Index Name']) indexes.add(node['Index Name'].replace(/^ticket_view_|_idx$/g, ''));
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  const buffers = plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'];
  return {
    ms: plan['Execution Time'],
    rows: plan.Plan['Actual Rows'],
    buffers,
    indexes: [...indexes].join('+') || 'seq scan',
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
async function roundTrip(actor, filters) {
  await rpc.request(ReportingRpc.TicketList, { actor, filters });
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await rpc.request(ReportingRpc.TicketList, { actor, filters });
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

const OPEN = ['abierto', 'en_curso'];
const queues = [
  ['my area open, by due (UIT)', agent, { area: 'UIT', status: OPEN, sort: 'due' }],
  ['my area open, by due (L1)', l1, { area: 'L1', status: OPEN, sort: 'due' }],
  ['assigned to me, open, by due', agent, { assignee: 'me', status: OPEN, sort: 'due' }],
  ['assigned to me, everything, newest', agent, { assignee: 'me' }],
  ['unassigned in my area, by due (L1)', l1, { area: 'L1', assignee: 'none', status: OPEN, sort: 'due' }],
  ['unassigned in my area, oldest (L1)', l1, { area: 'L1', assignee: 'none', status: OPEN, sort: 'oldest' }],
  ['con atraso, open, by due', supervisor, { overdue: true, status: OPEN, sort: 'due' }],
  ['con atraso in my area, open (UIT)', agent, { area: 'UIT', overdue: true, status: OPEN, sort: 'due' }],
  ['about to be (due within 4 h), by due', supervisor, { dueWithinHours: 4, sort: 'due' }],
  ['about to be in my area (UIT, 24 h)', agent, { area: 'UIT', dueWithinHours: 24, sort: 'due' }],
  ['waiting on the requester, my area (L1)', l1, { area: 'L1', waitingOnRequester: true, status: OPEN }],
  ['to review (resuelto), oldest first', supervisor, { status: 'resuelto', sort: 'oldest' }],
  ['recently closed, latest change first', supervisor, { status: 'cerrado', sort: 'updated' }],
  ['recently closed in my area (UIT)', agent, { area: 'UIT', status: 'cerrado', sort: 'updated' }],
  [
    'changed in the last hour, my area (L1)',
    l1,
    {
      area: 'L1',
      updatedSince: new Date(Date.now() - 3_600_000).toISOString(),
      sort: 'updated',
    },
  ],
  ['everything, newest', supervisor, {}],
  ['everything, oldest', supervisor, { sort: 'oldest' }],
  ['everything, by due', supervisor, { sort: 'due' }],
  ['everything, by priority', supervisor, { sort: 'priority' }],
  ['everything, latest change first', supervisor, { sort: 'updated' }],
  ['open, by priority', supervisor, { status: OPEN, sort: 'priority' }],
  [
    'type + channel + registered in 2025',
    supervisor,
    {
      type: 'solicitud',
      channel: 'portal',
      registeredFrom: '2025-01-01',
      registeredTo: '2025-12-31',
    },
  ],
];

const f = (ms) => `${ms.toFixed(2)} ms`.padStart(9);
console.log(
  `\n${'queue (page of 50)'.padEnd(44)} ${'page'.padEnd(6)} ${'SQL'.padStart(9)} ${'rows'.padStart(5)} ${'bufs'.padStart(6)}  ${'RPC p50'.padStart(9)} ${'RPC p95'.padStart(9)}  index`,
);
for (const [label, actor, filters] of queues) {
  const first = { ...filters, limit: 50 };
  const page = await rpc.request(ReportingRpc.TicketList, { actor, filters: first });
  const pages = [['first', first]];
  if (page.nextCursor) pages.push(['next', { ...first, cursor: page.nextCursor }]);
  for (const [which, request] of pages) {
    const plan = await explain(actor, request);
    const trip = await roundTrip(actor, request);
    console.log(
      `${label.padEnd(44)} ${which.padEnd(6)} ${f(plan.ms)} ${String(plan.rows).padStart(5)} ${String(plan.buffers).padStart(6)}  ${f(trip.p50)} ${f(trip.p95)}  ${plan.indexes}`,
    );
  }
}

// A deep page: the 500th page of the biggest queue, by the cursor of the page before it.
{
  let filters = { status: 'cerrado', sort: 'updated', limit: 50 };
  for (let i = 1; i < 500; i++) {
    const page = await rpc.request(ReportingRpc.TicketList, { actor: supervisor, filters });
    if (!page.nextCursor) break;
    filters = { ...filters, cursor: page.nextCursor };
  }
  const plan = await explain(supervisor, filters);
  const trip = await roundTrip(supervisor, filters);
  console.log(
    `${'recently closed, 500th page'.padEnd(44)} ${'deep'.padEnd(6)} ${f(plan.ms)} ${String(plan.rows).padStart(5)} ${String(plan.buffers).padStart(6)}  ${f(trip.p50)} ${f(trip.p95)}  ${plan.indexes}`,
  );
}

const sizes = await db.query(
  `SELECT c.relname AS name, pg_size_pretty(pg_relation_size(c.oid)) AS size
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'reporting' AND (c.relname = 'ticket_view' OR c.relname LIKE 'ticket_view_%')
   ORDER BY pg_relation_size(c.oid) DESC`,
);
console.log(`\nsizes: ${sizes.rows.map((r) => `${r.name} ${r.size}`).join(', ')}`);

await nc.close();
await db.end();
await reporting.stop();
if (values.keep) console.log(`kept: ${infra.database.url}`);
else await infra.cleanup();
