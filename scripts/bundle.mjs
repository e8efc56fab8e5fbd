// Bundles each service's build (`services/<name>/dist/main.js`) into one ES module,
// `services/<name>/bundle/main.mjs`, which `npm start`, the container image and the chaos benchmark run.
// Why: a service's start was dominated by loading ~2,000 modules (file-system lookups, the CommonJS lexer
// and compiling each file separately): 2.1–3.9 s of a 2.7–5 s start on a busy machine, against ≤ 1.4 s
// once bundled (issue 10 asks ≤ 3 s to healthy after a restart). Tests run the unbundled build, and
// `tests/e2e/bundled-services.test.ts` runs the bundles.
// Node 22.1+ compiles a bundle once and keeps the code between starts when NODE_COMPILE_CACHE names a directory
// (the image, the systemd unit, `npm start` and the test harness set it): on Node 24 compiling intake's bundle
// took 91 ms instead of 258 ms of a restart's ~850 ms of CPU (profiled; `npm run bench -- startup` varies by
// as much). Node 20 ignores the variable.
//
//   node scripts/bundle.mjs [service…]   (default: every service; skipped when the bundle is newer than
//                                         the builds and the lockfile, unless --force)
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLED_SERVICES = [
  'gateway',
  'intake',
  'routing',
  'resolution',
  'knowledge',
  'notifications',
  'reporting',
  'inventory',
];

/**
 * Packages kept out of the bundle and loaded from node_modules at run time, because they read their own
 * files next to their code (fonts, static pages, templates) or load native or optional parts by path.
 */
const EXTERNAL_PACKAGES = [
  'pdfmake', // its Roboto fonts are files read from its own folder
  'swagger-ui-dist', // the API docs page is served from its folder
  '@fastify/static', // serves the portal; resolves its own helper files
  'oidc-provider', // reads its views and package.json at run time
  'exceljs', // requires parts of itself lazily by path
  'pg-native', // optional native driver, absent here
  '@node-rs/argon2', // native password hashing: picks its platform's binary at run time
];

/**
 * Optional peers that NestJS and others import only when a feature we do not use is configured (other
 * transports, template engines, the Express adapter); they are not installed, and left unresolved.
 */
const OPTIONAL_UNINSTALLED = new Set([
  '@nestjs/platform-express',
  '@nestjs/websockets',
  '@fastify/view',
  '@grpc/grpc-js',
  '@grpc/proto-loader',
  'amqp-connection-manager',
  'amqplib',
  'ioredis',
  'kafkajs',
  'mqtt',
  'nats',
  'point-of-view',
]);

const isExternal = (id) =>
  id.startsWith('node:') ||
  id.endsWith('.node') ||
  builtinModules.includes(id) ||
  EXTERNAL_PACKAGES.some((name) => id === name || id.startsWith(`${name}/`));

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

function newestFile(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newestFile(full) : statSync(full).mtimeMs);
  }, 0);
}

function upToDate(service) {
  const bundle = path.join(root, 'services', service, 'bundle', 'main.mjs');
  if (!existsSync(bundle)) return false;
  const inputs = Math.max(
    newestFile(path.join(root, 'services', service, 'dist')),
    ...readdirSync(path.join(root, 'libs')).map((lib) => newestFile(path.join(root, 'libs', lib, 'dist'))),
    statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  return statSync(bundle).mtimeMs >= inputs;
}

export async function bundleService(service) {
  const problems = [];
  const build = await rolldown({
    input: path.join(root, 'services', service, 'dist', 'main.js'),
    cwd: root,
    platform: 'node',
    external: isExternal,
    logLevel: 'warn',
    onLog(level, log) {
      if (log.code === 'UNRESOLVED_IMPORT') {
        const missing = /Could not resolve '([^']+)'/.exec(log.message)?.[1] ?? '';
        if (OPTIONAL_UNINSTALLED.has(packageName(missing))) return;
      }
      // eval in a dependency and import cycles inside packages are theirs, and harmless here.
      if (log.code === 'EVAL' || log.code === 'CIRCULAR_DEPENDENCY') return;
      problems.push(`${level} ${log.code}: ${log.message.split('\n')[0]}`);
    },
  });
  const unexpected = problems.filter((problem) => problem.includes('UNRESOLVED_IMPORT'));
  if (unexpected.length > 0) {
    await build.close();
    throw new Error(`bundling ${service}: imports that could not be resolved:\n  ${unexpected.join('\n  ')}`);
  }
  for (const problem of problems) console.warn(`${service}: ${problem}`);
  const outDir = path.join(root, 'services', service, 'bundle');
  rmSync(outDir, { recursive: true, force: true });
  // Not minified: stack traces keep our names, minifying did not start it measurably faster, and the minified
  // gateway did not even start (code that relies on function and class names).
  await build.write({ dir: outDir, format: 'esm', entryFileNames: 'main.mjs', chunkFileNames: '[name]-[hash].mjs' });
  await build.close();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const wanted = args.filter((arg) => !arg.startsWith('--'));
  const unknown = wanted.filter((service) => !BUNDLED_SERVICES.includes(service));
  if (unknown.length > 0) {
    console.error(`Unknown service: ${unknown.join(', ')} (one of ${BUNDLED_SERVICES.join(', ')})`);
    process.exit(2);
  }
  const services = (wanted.length > 0 ? wanted : BUNDLED_SERVICES).filter((s) => force || !upToDate(s));
  if (services.length > 0) console.log(`Bundling ${services.join(', ')}…`);
  for (const service of services) await bundleService(service);
}
