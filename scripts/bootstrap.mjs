// Runs before `npm start` and `npm test`: installs dependencies when they are missing or stale and
// builds every package (incremental), so both commands work on a fresh clone.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command) => execSync(command, { cwd: root, stdio: 'inherit' });

const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  // Not `npm ci`, which deletes node_modules first: `npm install` installs the locked versions too and
  // keeps what is already there when a pull changed a few packages.
  console.log('Installing dependencies (npm install)…');
  run('npm install --no-audit --no-fund');
}
console.log('Building (tsc -b)…');
run('npx tsc -b tsconfig.build.json');

// `npm start` runs the services' bundles (re-made only for the services whose build changed).
if (process.argv.includes('--portal')) run('node scripts/bundle.mjs');

// `npm start` serves the portal's build: rebuild it when a source is newer than the build (`npm test`
// builds it itself before the browser tests).
if (process.argv.includes('--portal')) {
  const portal = path.join(root, 'portal');
  const built = path.join(portal, 'dist', 'index.html');
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  const sources = Math.max(newest(path.join(portal, 'src')), statSync(path.join(portal, 'index.html')).mtimeMs);
  if (!existsSync(built) || sources > statSync(built).mtimeMs) {
    console.log('Building the portal (vite build)…');
    run('npm run build -w @cau/portal');
  }
}
