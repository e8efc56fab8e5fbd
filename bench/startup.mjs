// Start-up benchmark: each service as it runs in production (its bundle, scripts/bundle.mjs) is started on a
// database of its own, stopped, and started again (a restart: the schema is migrated already); for each start, the
// time to a healthy `/health` and the CPU the process used until then (/proc/<pid>/stat). Issue 10's target:
// ≤ 3 s to healthy after a restart.
// Options: --services gateway,intake,… (default: every service) --runs 3 (restarts per service; the median is printed)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { allocatePort, createTestInfrastructure, spawnService } from '@cau/testing';

const SERVICES = ['intake', 'routing', 'resolution', 'knowledge', 'inventory', 'notifications', 'reporting', 'gateway'];
const { values } = parseArgs({
  options: {
    services: { type: 'string', default: SERVICES.join(',') },
    runs: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);

console.log('Building and bundling the services…');
spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { stdio: 'inherit' });
if (spawnSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'ignore' }).status !== 0) {
  console.error('Bundling failed: run "node scripts/bundle.mjs" to see why.');
  process.exit(1);
}
process.env.CAU_SERVICE_ENTRY = 'bundle';

/** User and system CPU of a process so far, in ms (clock ticks of 10 ms). */
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

const infra = await createTestInfrastructure('benchstartup');
const secret = 'startup-benchmark-only-0123456789-abcdefgh';
const env = {
  ...infra.env,
  JWT_SECRET: secret,
  SURVEY_LINK_SECRET: secret,
  CAU_ADMIN_EMAIL: 'admin@startup.invalid',
  CAU_ADMIN_PASSWORD: 'startup-benchmark-only',
  LOG_LEVEL: 'warn',
};
try {
  console.log(`Node ${process.version}; ${runs} restarts per service after a first start\n`);
  for (const name of values.services.split(',')) {
    const start = async () => {
      const started = performance.now();
      const service = await spawnService(name, env, allocatePort());
      const figures = { wall: performance.now() - started, cpu: cpuMs(service.child.pid) };
      await service.stop();
      return figures;
    };
    const first = await start();
    const restarts = [];
    for (let i = 0; i < runs; i++) restarts.push(await start());
    const wall = median(restarts.map((run) => run.wall));
    const cpu = median(restarts.map((run) => run.cpu));
    console.log(
      `  ${name.padEnd(14)} restart: healthy after ${wall.toFixed(0).padStart(5)} ms (CPU ${String(cpu).padStart(5)} ms)` +
        `   first start: ${first.wall.toFixed(0).padStart(5)} ms (CPU ${first.cpu} ms)   target ≤ 3000 ms`,
    );
  }
} finally {
  await infra.cleanup();
}
