// Prepared-statements benchmark: PostgreSQL's CPU per statement for statements shaped like the consumers' and the
// commands' (an inbox insert, a ticket upsert, a read by a list of ids, each in its own transaction as a batch's
// are), sent through a service's data source with its statements prepared (`preparingClient`, the default) and
// unnamed (DATABASE_PREPARED_STATEMENTS=0), in turns. One connection each: the server process's CPU is read from
// /proc/<pid>/stat, so the figures are PostgreSQL's own, not the client's. Options: --statements 3000 --rounds 2
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createServiceDataSource, initializeDataSource } from '@cau/persistence';
import { createTestDatabase } from '@cau/testing';

const { values } = parseArgs({
  options: { statements: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '2' } },
});
const count = Number(values.statements);
const rounds = Number(values.rounds);

/** A process's CPU time (user + system) in ms. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const statements = {
  'inbox insert': {
    text: `INSERT INTO inbox (consumer, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
    values: () => ['bench', [randomUUID(), randomUUID()]],
  },
  'ticket upsert': {
    text: `INSERT INTO tickets (ticket_id, number, title, area, priority, updated_at) VALUES ($1, $2, $3, $4, $5, now())
      ON CONFLICT (ticket_id) DO UPDATE SET title = EXCLUDED.title,
        area = CASE WHEN tickets.area IS DISTINCT FROM EXCLUDED.area THEN EXCLUDED.area ELSE tickets.area END,
        updated_at = now()
      RETURNING *`,
    values: (i) => [randomUUID(), i, `Título ${i}`, 'L1', 'alta'],
  },
  'read by ids': {
    text: `SELECT t.ticket_id, t.number, t.area, t.priority FROM tickets t
      WHERE t.ticket_id = ANY($1::uuid[]) AND t.area IS NOT NULL ORDER BY t.number`,
    values: () => [[randomUUID(), randomUUID()]],
  },
};

const database = await createTestDatabase('benchprepared');
const sources = [];
try {
  const open = async (preparedStatements) => {
    const dataSource = createServiceDataSource({
      database: { url: database.url, poolSize: 1, connectTimeoutMs: 5_000, serverOptions: '', preparedStatements },
      schema: 'bench',
      migrations: [],
    });
    await initializeDataSource(dataSource, database.url);
    sources.push(dataSource);
    const [{ pid }] = await dataSource.query('SELECT pg_backend_pid() AS pid');
    return { dataSource, pid };
  };
  const setup = await open(0);
  await setup.dataSource.query('CREATE SCHEMA bench');
  await setup.dataSource.query(
    'CREATE TABLE bench.inbox (consumer text, event_id uuid, PRIMARY KEY (consumer, event_id))',
  );
  await setup.dataSource.query(
    'CREATE TABLE bench.tickets (ticket_id uuid PRIMARY KEY, number int, title text, area text, priority text, updated_at timestamptz)',
  );
  const modes = { prepared: await open(200), unnamed: await open(0) };
  const results = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const [mode, { dataSource, pid }] of Object.entries(modes)) {
      for (const [label, statement] of Object.entries(statements)) {
        const before = cpuMs(pid);
        for (let i = 0; i < count; i++) {
          await dataSource.transaction((tx) => tx.query(statement.text, statement.values(i)));
        }
        const perStatement = ((cpuMs(pid) - before) * 1000) / count;
        const key = `${label}\u0000${mode}`;
        results.set(key, [...(results.get(key) ?? []), perStatement]);
      }
    }
  }
  console.log(
    `\nprepared-statements benchmark — PostgreSQL's CPU per statement (µs, its own transaction each: BEGIN, the statement, COMMIT), ${count} statements × ${rounds} rounds`,
  );
  console.log(`  ${'statement'.padEnd(16)} ${'unnamed'.padStart(18)} ${'prepared'.padStart(18)}`);
  for (const label of Object.keys(statements)) {
    const cell = (mode) =>
      results
        .get(`${label}\u0000${mode}`)
        .map((v) => v.toFixed(0))
        .join(' / ')
        .padStart(18);
    console.log(`  ${label.padEnd(16)} ${cell('unnamed')} ${cell('prepared')}`);
  }
} finally {
  for (const dataSource of sources) await dataSource.destroy();
  await database.drop();
}
